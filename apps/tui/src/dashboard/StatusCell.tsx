// An experiment's status in the list: not run / queued / running (spinner, bar, elapsed, ETA) / ✓ / ✗ / cancelled.
import { Text } from 'ink';
import Spinner from 'ink-spinner';
import { formatDuration } from '@hw3/client/format';
import { verdictText } from '@hw3/client/verdict';
import { ProgressBar } from './ProgressBar.js';
import type { Status } from './use-runs.js';

/** Estimated time left from the fraction done so far, once there is enough to go on. */
export function eta(fraction: number, elapsedMs: number): number | undefined {
  if (fraction < 0.01 || elapsedMs < 300 || fraction >= 1) return undefined;
  return (elapsedMs * (1 - fraction)) / fraction;
}

export function StatusCell({ status, now }: { status: Status; now: number }) {
  switch (status.kind) {
    case 'idle':
      return <Text dimColor>not run</Text>;
    case 'queued':
      return <Text dimColor>queued</Text>;
    case 'running': {
      const elapsed = Math.max(0, now - status.current.startedAt);
      const left = eta(status.current.fraction, elapsed);
      return (
        <Text>
          <Text color="cyan">
            <Spinner type="dots" />
          </Text>{' '}
          <ProgressBar fraction={status.current.fraction} width={12} />
          <Text dimColor>{`  ${formatDuration(elapsed)}${left !== undefined ? `, ~${formatDuration(left)} left` : ''}`}</Text>
        </Text>
      );
    }
    case 'pass':
    case 'fail':
      return (
        <Text color={status.kind === 'pass' ? 'green' : 'red'}>
          {verdictText(status.result)} <Text dimColor>{formatDuration(status.ms)}</Text>
        </Text>
      );
    case 'cancelled':
      return <Text color="yellow">■ cancelled (partial result kept)</Text>;
    case 'error':
      return <Text color="red">✗ error: {status.error.message}</Text>;
  }
}
