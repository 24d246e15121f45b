// The live pane: what is running now (spinner, progress bar, elapsed, ETA, the experiment's last message) and how
// many runs wait in the queue.
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { formatDuration } from '@hw3/client/format';
import { ProgressBar } from './ProgressBar.js';
import { eta } from './StatusCell.js';
import type { RunsState } from './use-runs.js';

export interface LivePaneProps {
  state: RunsState;
  titleOf(id: string): string;
  now: number;
  width: number;
}

/** Two lines while something runs, nothing otherwise. */
export function LivePane({ state, titleOf, now, width }: LivePaneProps) {
  const current = state.current;
  if (!current) return null;
  const elapsed = Math.max(0, now - current.startedAt);
  const left = eta(current.fraction, elapsed);
  const queued = state.queue.length;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text color="cyan">
          <Spinner type="dots" />
        </Text>
        <Text bold>{` Running ${titleOf(current.experimentId)}`}</Text>
        <Text dimColor>{`  seed ${current.seed}${queued > 0 ? ` · ${queued} more queued` : ''} · c cancels`}</Text>
      </Text>
      <Text wrap="truncate-end">
        {'  '}
        <ProgressBar fraction={current.fraction} width={Math.max(10, Math.min(40, width - 50))} />
        <Text>{`  ${formatDuration(elapsed)} elapsed`}</Text>
        <Text>{left !== undefined ? `, about ${formatDuration(left)} left` : ''}</Text>
        <Text dimColor>{current.message ? `  ${current.message}` : ''}</Text>
      </Text>
    </Box>
  );
}
