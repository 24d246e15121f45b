// Work that no one waits for (storing a finished run, opening the run store) runs when the page is idle, so it never
// delays what the reader waits for: the first result's paint. A browser without requestIdleCallback (Safari before
// 18) gets a short timeout instead; `timeoutMs` bounds the wait on a page that is never idle.
export function whenIdle(work: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 50);
  return () => clearTimeout(handle);
}
