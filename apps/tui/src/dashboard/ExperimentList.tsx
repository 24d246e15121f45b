// The experiments, grouped by homework question, each with its status; ↑/↓ (or k/j) move the selection. The list
// shows a window around the selection when it is taller than the space it has.
import { Box, Text, useInput, useStdin } from 'ink';
import type { Experiment } from '@hw3/core';
import { fit } from '@hw3/client/table';
import { groupByQuestion } from '@hw3/client/groups';
import { StatusCell } from './StatusCell.js';
import type { Status } from './use-runs.js';

export interface ExperimentListProps {
  experiments: readonly Experiment[];
  selectedId: string;
  /** Moves the selection (App resolves it against the latest selection, so fast key repeats all count). */
  onMove(step: number | 'first' | 'last'): void;
  statusOf(id: string): Status;
  now: number;
  width: number;
  maxRows: number;
  isFocused: boolean;
}

type Row = { kind: 'group'; title: string } | { kind: 'experiment'; experiment: Experiment };

export function ExperimentList({ experiments, selectedId, onMove, statusOf, now, width, maxRows, isFocused }: ExperimentListProps) {
  const { isRawModeSupported } = useStdin();
  const groups = groupByQuestion(experiments);
  const ordered = groups.flatMap((g) => g.experiments);
  const rows: Row[] = groups.flatMap((g) => [{ kind: 'group', title: g.title } as Row, ...g.experiments.map((experiment) => ({ kind: 'experiment', experiment }) as Row)]);
  const index = Math.max(0, ordered.findIndex((e) => e.id === selectedId));

  useInput(
    (input, key) => {
      const step = key.upArrow || input === 'k' ? -1 : key.downArrow || input === 'j' ? 1 : 0;
      if (step !== 0) onMove(step);
      else if (key.home) onMove('first');
      else if (key.end) onMove('last');
    },
    { isActive: isRawModeSupported && isFocused },
  );

  const selectedRow = rows.findIndex((r) => r.kind === 'experiment' && r.experiment.id === selectedId);
  // When windowed, one row goes to the "… n experiments" line.
  const height = rows.length <= maxRows ? rows.length : Math.max(3, maxRows - 1);
  const start = rows.length <= height ? 0 : Math.min(rows.length - height, Math.max(0, selectedRow - Math.floor(height / 2)));
  const visible = rows.slice(start, start + height);
  // Labs share the question 'lab': their id says which one.
  const label = (e: Experiment) => (/^\d/.test(e.question) ? e.question : e.id);
  const questionWidth = Math.min(16, Math.max(...experiments.map((e) => [...label(e)].length)) + 2);
  const titleWidth = Math.max(20, Math.min(60, width - questionWidth - 48));

  return (
    <Box flexDirection="column">
      {visible.map((row) =>
        row.kind === 'group' ? (
          <Text key={`g:${row.title}`} bold color="cyan">
            {row.title}
          </Text>
        ) : (
          <Box key={row.experiment.id}>
            <Text wrap="truncate-end">
              <Text color="cyan" bold>
                {row.experiment.id === selectedId ? '❯ ' : '  '}
              </Text>
              <Text bold={row.experiment.id === selectedId}>{`${fit(label(row.experiment), questionWidth - 1)} `}</Text>
              <Text inverse={row.experiment.id === selectedId && isFocused}>{fit(row.experiment.title, titleWidth)}</Text>
              <Text> </Text>
              <StatusCell status={statusOf(row.experiment.id)} now={now} />
            </Text>
          </Box>
        ),
      )}
      {rows.length > height ? <Text dimColor>{`  … ${ordered.length} experiments, ${index + 1} selected`}</Text> : null}
    </Box>
  );
}
