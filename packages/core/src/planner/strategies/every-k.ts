// The homework's schedule: the forward pass stores a_k, a_2k, …; the backward pass starts from memory — a stored
// activation is loaded (a_n too, though the forward pass just made it), any other is recomputed from the nearest
// stored one below it (one load-mem, i − j forward steps). With `cache`, a segment's recomputed activations are
// stored on the way up and read back by the next backward steps (one load-mem each, the simulator's rule), so either
// way every layer costs one load-mem.
import { positiveInt } from '../../base/validate.js';
import type { Chain } from '../chain.js';
import { TraceBuilder, type Trace } from '../trace.js';

/**
 * Trace of "store every k-th activation" (k is clamped to n). Its counts are the homework's and match
 * `simulateRemat` in both modes (n = 10, k = 5: 20 recomputed steps and 10 load-mem; cached, 8 and 10).
 * @throws InvalidArgumentError for k < 1.
 */
export function everyKTrace(chain: Chain, k: number, cache = false): Trace {
  const n = chain.n;
  const kk = Math.min(positiveInt('every', k), n);
  const t = new TraceBuilder();
  // Forward pass.
  for (let i = kk; i <= n; i += kk) t.advance(kk).storeMem(i);
  t.advance(n % kk);
  // Backward pass.
  let cachedFrom = n + 1; // a_cachedFrom … were stored by this segment's recomputation (cache mode)
  for (let i = n; i >= 1; i--) {
    const j = i - (i % kk); // nearest stored (or the inputs) at or below i
    if (j === i) {
      t.loadMem(i).backward(i).freeMem(i);
    } else if (cache && cachedFrom <= i) {
      t.backward(i).freeMem(i);
    } else if (cache) {
      t.loadMem(j);
      for (let m = j + 1; m < i; m++) t.advance(1).storeMem(m);
      t.advance(1).backward(i);
      cachedFrom = j + 1;
    } else {
      t.loadMem(j).advance(i - j).backward(i);
    }
  }
  return t.finish();
}
