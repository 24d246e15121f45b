// The one renderer of a result for the terminal: the dashboard's result view, the lines a finished run leaves above
// it, npm start's plain output and `hw3 run` all print these lines. Built only from the experiment contract (result +
// optional experiment metadata), so an experiment registered later renders without app code; values, verdicts and
// numbers are worded by @hw3/client, as in the explorer.
import { describeValues, findExperiment, valueAmountText, type Experiment, type ExperimentResult } from '@hw3/core';
import { formatNumber } from '@hw3/client/format';
import { checkLines } from './checks.js';
import { heading, line, wrapText, type Line } from './lines.js';
import { verdictOf } from '@hw3/client/verdict';
import { figureRows, rowLines } from './plot.js';
import { proseToUnicode, texToUnicode } from './tex.js';
import { tableLines } from './table.js';

/** What to include; the plain output and `hw3 run` leave out the explanation and plots (tables on request). */
export interface ResultLineOptions {
  explanation?: boolean;
  plots?: boolean;
  tables?: boolean;
  plotHeight?: number;
}

/** One-line verdict: `✓ all 4 checks pass`, `✗ 1 of 4 checks fail`, or what a cancelled run got to. */
export function verdictLine(result: ExperimentResult): Line {
  const v = verdictOf(result);
  const text = `${v.mark} ${v.text}`;
  switch (v.kind) {
    case 'pass':
      return [{ text, color: 'green', bold: true }];
    case 'fail':
      return [{ text, color: 'red', bold: true }];
    case 'none':
      return [{ text: v.text, dim: true }];
    case 'cancelled':
      return [{ text, color: v.failed === 0 ? 'yellow' : 'red', bold: true }];
  }
}

/** `layers=10 every=5 …` */
export function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join('  ');
}

/** The explanation section of an experiment (also shown before its first run). */
export function aboutLines(experiment: Experiment, width: number): Line[] {
  const lines: Line[] = wrapText(proseToUnicode(experiment.summary), width).map((t) => line(t));
  const closed = wrapText(texToUnicode(experiment.closedForm), width - 13);
  lines.push([], ...closed.map((t, i): Line => [{ text: i === 0 ? 'closed form  ' : ' '.repeat(13), dim: true }, { text: t, color: 'yellow' }]));
  for (const paragraph of experiment.explanation.split(/\n\s*\n/)) {
    lines.push([]);
    lines.push(...wrapText(proseToUnicode(paragraph), width).map((t) => line(t)));
  }
  return lines;
}

/** Every line of a result, fitted to `width` columns. */
export function resultLines(result: ExperimentResult, width: number, experiment?: Experiment, options: ResultLineOptions = {}): Line[] {
  const { explanation = true, plots = true, tables = true, plotHeight = 10 } = options;
  const lines: Line[] = [
    [{ text: `${result.question}  `, color: 'cyan', bold: true }, { text: `${result.id}  `, dim: true }, { text: result.title, bold: true }],
    [{ text: `seed ${result.seed}   `, dim: true }, ...verdictLine(result)],
    line(paramsText(result.params), { dim: true }),
  ];
  // `label = value ± error unit`, one a line, from the experiment's value metadata.
  const values = describeValues((experiment ?? findExperiment(result.id))?.values ?? {}, result.values);
  if (values.length > 0) {
    lines.push([], heading('Values', width));
    for (const v of values) lines.push([{ text: `${v.label} = `, dim: true }, { text: valueAmountText(v, formatNumber), bold: true }]);
  }
  if (result.checks.length > 0) lines.push([], heading('Checks', width), ...checkLines(result.checks, width));
  if (plots && result.series.length > 0) {
    lines.push([], heading('Plots', width));
    for (const row of figureRows(result.series)) lines.push(...rowLines(row, width, plotHeight));
  }
  if (tables && result.tables.length > 0) {
    lines.push([], heading('Tables', width));
    for (const table of result.tables) lines.push(...tableLines(table), []);
  }
  if (explanation && experiment) lines.push([], heading('About this experiment', width), ...aboutLines(experiment, width));
  return lines;
}
