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

/** The checks as table lines fitting `width` columns (first line the header). When cutting the names to the column
 * would make different checks read the same (80 columns cut "E‖Wx‖²_rms = d₁ at d₁=16, d₂=64" before the grid point
 * that tells the rows apart), each check takes two lines: its whole name, then its numbers. */
export function checkLines(checks: readonly Check[], width: number): Line[] {
  const hasBars = checks.some((c) => c.stderr !== undefined);
  const num = 11;
  const errLabel = hasBars ? '± error z/max' : 'error';
  const err = Math.min(22, Math.max(errLabel.length, ...checks.map((c) => checkAllowanceText(c).length)));
  const bar = hasBars ? BAR + 1 : 0;
  const nameWidth = Math.max(12, width - 2 - 2 * (num + 1) - (err + 1) - bar);
  const names = new Set(checks.map((c) => c.name));
  const stacked = new Set(checks.map((c) => fit(c.name, nameWidth))).size < names.size;
  const numbersHead = `${fit('measured', num, 'right')} ${fit('expected', num, 'right')} ${fit(errLabel, err)}${hasBars ? ` ${fit('measured ±2σ vs ┼', BAR)}` : ''}`;
  const lines: Line[] = stacked ? [line('  check', { dim: true }), line(`    ${numbersHead}`, { dim: true })] : [line(`  ${fit('check', nameWidth)} ${numbersHead}`, { dim: true })];
  for (const c of checks) {
    const color = c.pass ? 'green' : 'red';
    const mark = { text: c.pass ? '✓ ' : '✗ ', color, bold: true } as const;
    const numbers: Line = [
      { text: `${fit(formatNumber(c.measured), num, 'right')} `, bold: true },
      { text: `${fit(formatNumber(c.expected), num, 'right')} ` },
      { text: fit(checkAllowanceText(c), err), dim: true },
    ];
    if (hasBars) numbers.push({ text: ` ${errorBar(c)}`, color });
    if (stacked) lines.push([mark, { text: fit(c.name, width - 2) }], [{ text: '    ' }, ...numbers]);
    else lines.push([mark, { text: `${fit(c.name, nameWidth)} ` }, ...numbers]);
    if (c.note) lines.push(line(`    ${c.note}`, { dim: true }));
  }
  return lines;
}
