// Colour for one output stream: on only when it is a terminal and NO_COLOR is unset (https://no-color.org).
import type { Line } from '../render/lines.js';
export interface Style {
  enabled: boolean;
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function createStyle(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const enabled = Boolean(stream.isTTY) && !env.NO_COLOR;
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { enabled, ok: wrap(32, 39), bad: wrap(31, 39), warn: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** A rendered line as text for this stream: green, red and yellow segments as ok, bad and warn; bold and dim kept. */
export function styleLine(line: Line, style: Style): string {
  const painted = line.map((segment) => {
    let text = segment.text;
    if (segment.color === 'green') text = style.ok(text);
    else if (segment.color === 'red') text = style.bad(text);
    else if (segment.color === 'yellow') text = style.warn(text);
    if (segment.bold) text = style.bold(text);
    if (segment.dim) text = style.dim(text);
    return text;
  });
  return painted.join('').trimEnd();
}
