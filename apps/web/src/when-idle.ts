// Work that no one waits for (storing a finished run, opening the run store) runs when the page is idle, so it never
// delays what the reader waits for: the first result's paint. A browser without requestIdleCallback (Safari before
// 18) gets a short timeout instead; `timeoutMs` bounds the wait on a page that is never idle.
// Work still pending when the page goes away (a reload, a typed address, the next page opened right after a result)
// runs then, on `pagehide`: deferring a finished run's storing must never lose it.

const pending = new Set<() => void>();

function flushPending(): void {
  for (const work of [...pending]) {
    pending.delete(work);
    work();
  }
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', flushPending);

export function whenIdle(work: () => void, timeoutMs = 2000): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    pending.delete(once);
    work();
  };
  pending.add(once);
  const forget = () => {
    done = true;
    pending.delete(once);
  };
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(once, { timeout: timeoutMs });
    return () => {
      cancelIdleCallback(handle);
      forget();
    };
  }
  const handle = setTimeout(once, 50);
  return () => {
    clearTimeout(handle);
    forget();
  };
}
