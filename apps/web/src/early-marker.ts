// The attribute by which a server-rendered page asks for its experiment worker before hydration (early-worker.ts reads
// it). A plain constant in a file of its own, so server pages import it without the worker code.

/** Its value: the experiment whose code the worker should load at once, or '' for the worker alone. */
export const EARLY_ATTRIBUTE = 'data-hw3-worker';
