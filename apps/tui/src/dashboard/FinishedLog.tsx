// Finished runs, printed once each above the live dashboard (Ink <Static>), so they stay on screen and in the
// scrollback while the dashboard below keeps updating.
import { Box, Static } from 'ink';
import { LineView } from './LineView.js';
import { logLines } from './log-lines.js';
import type { LogEntry } from './use-runs.js';

export interface FinishedLogProps {
  log: LogEntry[];
  width: number;
  titleOf(id: string): string;
}

export function FinishedLog({ log, width, titleOf }: FinishedLogProps) {
  return (
    <Static items={log}>
      {(entry) => (
        <Box key={entry.key} flexDirection="column" width={width}>
          {logLines(entry, width, titleOf).map((l, i) => (
            <LineView key={i} line={l} />
          ))}
        </Box>
      )}
    </Static>
  );
}
