// The generic result view: everything an experiment returned (values, checks with error bars, plots, tables), or
// its explanation before the first run, in a scrollable viewport of fixed height (so it never exceeds the screen).
import { useMemo } from 'react';
import type { Experiment, ExperimentResult } from '@hw3/core';
import { heading, line, type Line } from '../render/lines.js';
import { aboutLines, resultLines } from '../render/result.js';
import { ScrollView } from './ScrollView.js';

export interface ResultViewProps {
  experiment: Experiment;
  result?: ExperimentResult;
  width: number;
  /** Rows available, including the scroll indicator. */
  height: number;
  isFocused: boolean;
}

/** The lines shown for an experiment that has not run yet. */
function notRunLines(experiment: Experiment, width: number): Line[] {
  return [
    [{ text: `${experiment.question}  `, color: 'cyan', bold: true }, { text: experiment.title, bold: true }],
    line('not run yet — press ⏎ or r to run it, p to edit its parameters', { color: 'yellow' }),
    [],
    heading('About', width),
    ...aboutLines(experiment, width),
  ];
}

export function ResultView({ experiment, result, width, height, isFocused }: ResultViewProps) {
  const lines = useMemo(
    () => (result ? resultLines(result, width, experiment) : notRunLines(experiment, width)),
    [result, experiment, width],
  );
  return <ScrollView lines={lines} height={height} isFocused={isFocused} resetKey={result ?? experiment} />;
}
