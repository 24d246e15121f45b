// A clock that ticks only while something is running, a few times a second: it drives elapsed time and ETA
// without re-rendering an idle dashboard.
import { useEffect, useState } from 'react';

export function useNow(active: boolean, intervalMs = 250, now: () => number = Date.now): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!active) return;
    setTime(now());
    const timer = setInterval(() => setTime(now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, now]);
  return time;
}
