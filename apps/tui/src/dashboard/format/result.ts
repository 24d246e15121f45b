// The whole result view as lines, built only from the experiment contract (result + optional experiment metadata),
// so an experiment registered later renders without dashboard code.
import { describeValues, findExperiment, valueAmountText, type Experiment, type ExperimentResult } from '@hw3/core';
import { checkLines } from './checks.js';
import { heading, line, wrapText, type Line } from './lines.js';
import { formatNumber } from '@hw3/client/format';
import { figureLines, groupSeries } from './plot.js';
import { proseToUnicode, texToUnicode } from './tex.js';
import { tableLines } from './table.js';

/** What to include; the plain report leaves out the explanation, plots and tables. */
export interface ResultLineOptions {
  explanation?: boolean;
  plots?: boolean;
  tables?: boolean;
  plotHeight?: number;
}

/** One-line verdict: `✓ 4/4 checks pass`, `✗ 1 of 4 checks fails`, or what a cancelled run got to. */
export function verdictLine(result: ExperimentResult): Line {
  const failed = result.checks.filter((c) => !c.pass).length;
  const total = result.checks.length;
  const parts: Line = [];
  if (result.status === 'cancelled') {
    // Only what finished has checks: never call that "all pass".
    parts.push({ text: 'cancelled — partial result: ', color: 'yellow', bold: true });
    if (total === 0) parts.push({ text: 'no check ran', dim: true });
    else parts.push({ text: `only ${total} check${total === 1 ? '' : 's'} ran (${failed === 0 ? 'they pass' : `${failed} fail${failed === 1 ? 's' : ''}`}); the rest did not run`, color: failed === 0 ? 'yellow' : 'red' });
    return parts;
  }
  if (total === 0) parts.push({ text: 'no checks', dim: true });
  else if (failed === 0) parts.push({ text: `✓ ${total}/${total} checks pass`, color: 'green', bold: true });
  else parts.push({ text: `✗ ${failed} of ${total} check${total === 1 ? '' : 's'} fail${failed === 1 ? 's' : ''}`, color: 'red', bold: true });
  return parts;
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
    [{ text: `${result.question}  `, color: 'cyan', bold: true }, { text: result.title, bold: true }],
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
    for (const figure of groupSeries(result.series)) lines.push(...figureLines(figure, width, plotHeight), []);
  }
  if (tables && result.tables.length > 0) {
    lines.push([], heading('Tables', width));
    for (const table of result.tables) lines.push(...tableLines(table), []);
  }
  if (explanation && experiment) lines.push([], heading('About this experiment', width), ...aboutLines(experiment, width));
  return lines;
}
