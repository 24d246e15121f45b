// The result view is built as a list of terminal lines (each exactly one row, truncated rather than wrapped), so the
// dashboard can page through it with a fixed-height viewport and `hw3 run` and npm start's plain-text output print the same lines.

/** Ink colour names used by the dashboard. */
export type Color = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white' | 'gray';

/** A run of text with one style. */
export interface Segment {
  text: string;
  color?: Color;
  bold?: boolean;
  dim?: boolean;
}

/** One terminal row. */
export type Line = Segment[];

/** A line of one segment. */
export function line(text: string, style: Omit<Segment, 'text'> = {}): Line {
  return [{ text, ...style }];
}

/** The text of a line without styles (plain-text output, tests). */
export function plainText(l: Line): string {
  return l.map((s) => s.text).join('').replace(/\s+$/, '');
}

/** Greedy word wrap of one paragraph to `width` columns. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current === '') current = word;
    else if ([...current].length + 1 + [...word].length <= width) current += ` ${word}`;
    else {
      out.push(current);
      current = word;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/** A section heading: `── Checks ─────`. */
export function heading(title: string, width: number): Line {
  const text = `── ${title} `;
  return [{ text: text + '─'.repeat(Math.max(0, width - [...text].length)), bold: true, color: 'cyan' }];
}
