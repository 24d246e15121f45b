// A result table as terminal lines: title, header, rule, rows (the layout is the client's, shared with the CLI's
// other tables; numbers right-aligned, wide cells cut at 24 columns).
import type { Table } from '@hw3/core';
import { resultTableLines } from '@hw3/client/table';
import { line, type Line } from './lines.js';

/** The table's lines: title, header, rule, rows. */
export function tableLines(table: Table): Line[] {
  const { header, rule, rows } = resultTableLines(table);
  return [line(table.title, { bold: true }), line(header, { dim: true }), line(rule, { dim: true }), ...rows.map((r) => line(r))];
}
