// The homework's 4c alternative: every activation written to disk in the forward pass and read back once for its
// backward step (n loaddisk, no recomputation).
import type { Chain } from '../chain.js';
import { TraceBuilder, type Trace } from '../trace.js';

/** Trace of "store everything on disk". */
export function diskAllTrace(chain: Chain): Trace {
  const t = new TraceBuilder();
  for (let i = 1; i <= chain.n; i++) t.advance(1).storeDisk(i);
  for (let i = chain.n; i >= 1; i--) t.loadDisk(i).backward(i).freeDisk(i);
  return t.finish();
}
