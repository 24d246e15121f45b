// A result table as aligned text rows; numbers right-aligned and formatted, wide tables cut at the screen edge.
import type { Table } from '@hw3/core';
import { fit, line, type Line } from './lines.js';
import { formatNumber } from '@hw3/client/format';

const MAX_CELL = 24;

const cellText = (v: string | number | null) => (typeof v === 'number' || v === null ? formatNumber(v) : v);

/** The table's lines: title, header, rule, rows. */
export function tableLines(table: Table): Line[] {
  const widths = table.columns.map((c, j) =>
    Math.min(MAX_CELL, Math.max([...c].length, ...table.rows.map((r) => [...cellText(r[j] ?? null)].length))),
  );
  const numeric = table.columns.map((_, j) => table.rows.every((r) => typeof r[j] === 'number' || r[j] === null));
  const render = (cells: string[]) =>
    cells.map((c, j) => fit(c, widths[j]!, numeric[j] ? 'right' : 'left')).join('  ');
  return [
    line(table.title, { bold: true }),
    line(render(table.columns), { dim: true }),
    line(widths.map((w) => '─'.repeat(w)).join('  '), { dim: true }),
    ...table.rows.map((r) => line(render(table.columns.map((_, j) => cellText(r[j] ?? null))))),
  ];
}
