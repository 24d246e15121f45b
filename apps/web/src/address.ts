// The query string of the address. Next's router rewrites the address during hydration through a query object, which
// drops keys such as `__proto__` and duplicates others; so a tiny script in the root layout records the address as
// the user typed it before any Next script runs (window.__hw3Address), and the first read on a page uses it. Later
// reads (form submits, back/forward) see addresses this app wrote, which survive the router unchanged.
declare global {
  interface Window {
    __hw3Address?: { path: string; search: string };
  }
}

/** Inline script for the root layout (no user data in it). */
export const CAPTURE_ADDRESS_SCRIPT = 'window.__hw3Address={path:location.pathname,search:location.search};';

let initialUsed = false;

/** The current query string (with its leading '?', or ''). */
export function currentSearch(): string {
  const initial = window.__hw3Address;
  if (!initialUsed && initial && initial.path === window.location.pathname) {
    initialUsed = true;
    return initial.search;
  }
  initialUsed = true;
  return window.location.search;
}
