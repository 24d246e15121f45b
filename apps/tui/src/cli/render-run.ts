// Human-readable rendering of an experiment result: headline values, the checks table (✓/✗, measured vs expected
// ± stderr), optionally the experiment's own tables.
import { describeValues, findExperiment, valueText, type Check, type ExperimentResult, type Table } from '@hw3/core';
import { formatNumber, renderTable } from './format.js';
import type { Style } from './style.js';

/** `label = value ± error unit`, one a line, from the experiment's value metadata (JSON output keeps the keys). */
function valueLines(result: ExperimentResult): string[] {
  const catalog = findExperiment(result.id)?.values ?? {};
  return describeValues(catalog, result.values).map((v) => `  ${valueText(v, formatNumber)}`);
}

function checkRow(check: Check, style: Style): string[] {
  const mark = check.pass ? style.ok('✓') : style.bad('✗');
  const statistical = check.stderr !== undefined;
  const measured = statistical ? `${formatNumber(check.measured)} ± ${formatNumber(check.stderr, 2)}` : formatNumber(check.measured);
  const test = statistical
    ? `z ${formatNumber(check.z ?? NaN, 3)} (|z| ≤ ${formatNumber(check.zMax ?? NaN, 3)})`
    : check.tolerance ? `|Δ| ≤ ${formatNumber(check.tolerance, 2)}` : 'exact';
  return [mark, check.name, measured, formatNumber(check.expected), test];
}

export function renderTableBlock(table: Table): string[] {
  const rows = [table.columns, ...table.rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell ?? '—')))];
  return [table.title, ...renderTable(rows, table.columns.map((_, i) => (i === 0 ? 'left' : 'right')))];
}

export function renderRun(result: ExperimentResult, style: Style, withTables: boolean): string[] {
  const failed = result.checks.filter((c) => !c.pass).length;
  const lines = [
    `${style.bold(`${result.question}  ${result.id}`)} — ${result.title}   ${style.dim(`seed ${result.seed}`)}`,
    style.dim(`params ${JSON.stringify(result.params)}`),
  ];
  if (result.status === 'cancelled') lines.push(style.warn('cancelled: showing what finished before the interrupt'));
  lines.push('', style.bold('values'), ...valueLines(result), '');
  // A cancelled run has only the checks of what finished: say so instead of "all 0 pass".
  const ran = result.checks.length;
  const summary =
    result.status === 'cancelled'
      ? style.warn(`cancelled: ${ran === 0 ? 'no check ran' : `only ${ran} ran, ${failed} of them fail${failed === 1 ? 's' : ''}`}; the rest did not run`)
      : failed === 0
        ? style.ok(`all ${ran} pass`)
        : style.bad(`${failed} of ${ran} fail`);
  lines.push(`${style.bold('checks')} (${summary})`);
  const header = ['', 'check', 'measured', 'expected', 'test'].map((h) => style.dim(h));
  lines.push(...renderTable([header, ...result.checks.map((c) => checkRow(c, style))], ['left', 'left', 'right', 'right', 'left']));
  for (const check of result.checks.filter((c) => c.note && !c.pass)) lines.push(style.dim(`  note (${check.name}): ${check.note}`));
  if (withTables) for (const table of result.tables) lines.push('', ...renderTableBlock(table));
  return lines;
}
