// A one-line progress bar on stderr, only when stderr is a terminal (pipes and CI logs stay clean); with `force`
// (the --progress flag) plain lines on any stream, for scripts that want to follow a run.
import type { Progress } from '@hw3/core';

export interface ProgressLine {
  update(progress: Progress): void;
  /** Erases the line. */
  clear(): void;
}

export function createProgressLine(stream: NodeJS.WriteStream = process.stderr, label = '', force = false): ProgressLine {
  if (!stream.isTTY) {
    if (!force) return { update() {}, clear() {} };
    return {
      update: ({ fraction, message }) => void stream.write(`${label}progress ${Math.round(fraction * 100)}%${message ? ` ${message}` : ''}\n`),
      clear() {},
    };
  }
  let shown = false;
  return {
    update({ fraction, message }) {
      const width = 24;
      const filled = Math.round(fraction * width);
      const text = `${label}[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${message ?? ''}`;
      stream.write(`\r\u001b[2K${text.slice(0, Math.max(10, (stream.columns ?? 80) - 1))}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
