// The checks table: measured vs expected, the allowed error (the client's words for it), and for statistical checks a small error bar
// (measured ± 2 stderr, `●` the measurement, `┼` the closed form) on a scale wide enough to show both.
import type { Check } from '@hw3/core';
import { fit } from '@hw3/client/table';
import { line, type Line } from './lines.js';
import { checkAllowanceText } from '@hw3/client/checks';
import { formatNumber } from '@hw3/client/format';

const BAR = 17;

/** An error bar `├──●─┼──┤` of `width` cells, or '' for checks without a standard error. */
export function errorBar(check: Check, width = BAR): string {
  const se = check.stderr;
  if (se === undefined || !(se > 0) || !Number.isFinite(check.measured) || !Number.isFinite(check.expected)) return '';
  const { measured: m, expected: e } = check;
  const scale = Math.max(Math.abs(m - e) + 2 * se, (check.zMax ?? 5) * se);
  const half = (width - 1) / 2;
  const at = (v: number) => Math.max(0, Math.min(width - 1, Math.round(((v - e) / scale) * half + half)));
  const cells = Array.from({ length: width }, () => ' ');
  const lo = at(m - 2 * se);
  const hi = at(m + 2 * se);
  for (let i = lo; i <= hi; i++) cells[i] = '─';
  cells[lo] = '├';
  cells[hi] = '┤';
  cells[at(e)] = '┼';
  cells[at(m)] = '●';
  return cells.join('');
}

/** The checks as table lines fitting `width` columns (first line the header). */
export function checkLines(checks: readonly Check[], width: number): Line[] {
  const hasBars = checks.some((c) => c.stderr !== undefined);
  const num = 11;
  const errLabel = hasBars ? '± error z/max' : 'error';
  const err = Math.min(22, Math.max(errLabel.length, ...checks.map((c) => checkAllowanceText(c).length)));
  const bar = hasBars ? BAR + 1 : 0;
  const nameWidth = Math.max(12, width - 2 - 2 * (num + 1) - (err + 1) - bar);
  const lines: Line[] = [
    line(`  ${fit('check', nameWidth)} ${fit('measured', num, 'right')} ${fit('expected', num, 'right')} ${fit(errLabel, err)}${hasBars ? ` ${fit('measured ±2σ vs ┼', BAR)}` : ''}`, { dim: true }),
  ];
  for (const c of checks) {
    const color = c.pass ? 'green' : 'red';
    const row: Line = [
      { text: c.pass ? '✓ ' : '✗ ', color, bold: true },
      { text: `${fit(c.name, nameWidth)} ` },
      { text: `${fit(formatNumber(c.measured), num, 'right')} `, bold: true },
      { text: `${fit(formatNumber(c.expected), num, 'right')} ` },
      { text: fit(checkAllowanceText(c), err), dim: true },
    ];
    if (hasBars) row.push({ text: ` ${errorBar(c)}`, color });
    lines.push(row);
    if (c.note) lines.push(line(`    ${c.note}`, { dim: true }));
  }
  return lines;
}
