// Plain-text formatting for the hw3 command: numbers at a readable precision and aligned tables.

// The same digits as the hand-in report: one number formatter for the CLI and the report.
export { formatReportNumber as formatNumber } from '@hw3/core/report';

/** Visible width (ANSI colour codes do not count; one column per code point is enough for our symbols). */
export function visibleWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

export type Align = 'left' | 'right';

/** Renders rows as columns separated by two spaces; the first row is the header when `header` is set. */
export function renderTable(rows: string[][], align: Align[] = [], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - visibleWidth(cell));
          return align[i] === 'right' ? pad + cell : i === row.length - 1 ? cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
  );
}
