// A fixed-width progress bar: `████████░░░░ 62%`.
import { Text } from 'ink';

export interface ProgressBarProps {
  /** 0 … 1 */
  fraction: number;
  width?: number;
}

export function ProgressBar({ fraction, width = 20 }: ProgressBarProps) {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(f * width);
  return (
    <Text>
      <Text color="cyan">{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(width - filled)}</Text>
      <Text>{` ${String(Math.floor(f * 100)).padStart(3)}%`}</Text>
    </Text>
  );
}
