// A fixed-height window onto a list of one-row lines, scrolled with ↑/↓ j/k, space/b, g/G: however long the content,
// the frame never grows past the terminal (where Ink would clear and redraw the whole screen on every update).
import { Box, Text, useInput, useStdin } from 'ink';
import { useState } from 'react';
import type { Line } from '../render/lines.js';
import { LineView } from './LineView.js';

export interface ScrollViewProps {
  lines: Line[];
  /** Rows available, including the scroll indicator. */
  height: number;
  isFocused: boolean;
  /** Changing it scrolls back to the top (e.g. a new result). */
  resetKey?: unknown;
}

export function ScrollView({ lines, height, isFocused, resetKey }: ScrollViewProps) {
  const { isRawModeSupported } = useStdin();
  const page = Math.max(1, lines.length > height ? height - 1 : height);
  const maxOffset = Math.max(0, lines.length - page);
  const [state, setState] = useState({ offset: 0, resetKey });
  const offset = state.resetKey === resetKey ? Math.min(state.offset, maxOffset) : 0;

  useInput(
    (input, key) => {
      // Functional updates: several keys (a held-down j) may arrive before the next render.
      const to = (next: (o: number) => number) =>
        setState((s) => ({ resetKey, offset: Math.max(0, Math.min(maxOffset, next(s.resetKey === resetKey ? Math.min(s.offset, maxOffset) : 0))) }));
      if (key.upArrow || input === 'k') to((o) => o - 1);
      else if (key.downArrow || input === 'j') to((o) => o + 1);
      else if (key.pageUp || input === 'b') to((o) => o - (page - 1));
      else if (key.pageDown || input === ' ') to((o) => o + (page - 1));
      else if (key.home || input === 'g') to(() => 0);
      else if (key.end || input === 'G') to(() => maxOffset);
    },
    { isActive: isRawModeSupported && isFocused },
  );

  const visible = lines.slice(offset, offset + page);
  return (
    <Box flexDirection="column">
      {visible.map((l, i) => (
        <LineView key={offset + i} line={l} />
      ))}
      {lines.length > page ? (
        <Text dimColor wrap="truncate-end">{`── lines ${offset + 1}–${offset + visible.length} of ${lines.length} · ↑↓ j k scroll · space/b page · g/G top/end ──`}</Text>
      ) : null}
    </Box>
  );
}
