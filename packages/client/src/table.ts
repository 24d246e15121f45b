// Plain-text tables: columns padded to the widest cell, separated by two spaces. Text may carry ANSI colour codes
// (they take no width); each character counts as one column (enough for the symbols we print).
import type { Table } from '@hw3/core/lab';
import { cellText } from './format.js';

export type Align = 'left' | 'right';

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with the ESC control character.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a text takes on a terminal. */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Pads or cuts `text` to exactly `width` columns (cut text ends with '…'). */
export function fit(text: string, width: number, align: Align = 'left'): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (visibleWidth(text) > width) return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
  const pad = ' '.repeat(width - visibleWidth(text));
  return align === 'left' ? text + pad : pad + text;
}

export interface TextTableOptions {
  /** Alignment per column (default left). */
  align?: readonly Align[];
  /** Cells wider than this are cut with '…'. */
  maxCell?: number;
  /** Put before every line (default none). */
  indent?: string;
}

/** The width of each column: its widest cell, at most `maxCell`. */
export function columnWidths(rows: readonly (readonly string[])[], maxCell = Infinity): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.min(maxCell, Math.max(widths[i] ?? 0, visibleWidth(c)))));
  return widths;
}

/** Rows (the first usually the header) as aligned lines, without trailing spaces. */
export function textTable(rows: readonly (readonly string[])[], options: TextTableOptions = {}): string[] {
  const { align = [], maxCell = Infinity, indent = '' } = options;
  const widths = columnWidths(rows, maxCell);
  return rows.map((row) =>
    indent +
    row
      .map((c, i) => fit(c, widths[i] ?? 0, align[i]))
      .join('  ')
      .trimEnd(),
  );
}

/** A result table as text: the header, a rule under it, the rows (numbers formatted and right-aligned). */
export function resultTableLines(table: Table, maxCell = 24): { header: string; rule: string; rows: string[] } {
  const numeric = table.columns.map((_, j) => table.rows.every((r) => typeof r[j] === 'number' || r[j] === null || r[j] === undefined));
  const cells = table.rows.map((r) => table.columns.map((_, j) => cellText(r[j])));
  const all = [table.columns, ...cells];
  const [header = '', ...rows] = textTable(all, { align: numeric.map((n) => (n ? 'right' : 'left')), maxCell });
  const rule = columnWidths(all, maxCell)
    .map((w) => '─'.repeat(w))
    .join('  ');
  return { header, rule, rows };
}
