// Back on the list after a tall screen, the finished runs that Ink's <Static> printed above the dashboard have
// scrolled away. Ink reprints them (clear + static output + frame) when the previous frame filled the terminal, so
// `request()` makes the next frame terminal-tall for one moment: one repaint on that key press, not a flicker.
import { useCallback, useEffect, useState } from 'react';

/** `tall` is true for the one frame that should fill the terminal. */
export function useStaticRepaint(holdMs = 120): { tall: boolean; request(): void } {
  const [tall, setTall] = useState(false);
  useEffect(() => {
    if (!tall) return;
    // Longer than Ink's render throttle (1000 / maxFps), so the tall frame is drawn before the normal one.
    const timer = setTimeout(() => setTall(false), holdMs);
    return () => clearTimeout(timer);
  }, [tall, holdMs]);
  const request = useCallback(() => setTall(true), []);
  return { tall, request };
}
