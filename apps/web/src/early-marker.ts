// What a server-rendered page says about its start: the attribute by which it asks for its experiment worker before
// hydration (early-worker.ts reads it), and what opening a page runs by itself. Plain constants in a file of their
// own, so server pages import them without the worker code.

/** Opening a page starts its run only when the estimate is at most this; longer runs wait for a Run button. */
export const AUTO_RUN_SECONDS = 3;

/** Its value: the experiment whose code the worker should load at once, or '' for the worker alone. */
export const EARLY_ATTRIBUTE = 'data-hw3-worker';
