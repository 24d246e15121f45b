// Chen et al. 2016 ("Training deep nets with sublinear memory cost"): √n segments, each recomputed once in the
// backward pass with its activations kept — one extra forward pass overall, O(√n) memory.
import type { Chain } from '../chain.js';
import type { Trace } from '../trace.js';
import { everyKTrace } from './every-k.js';

/** Segment length ⌈√n⌉. */
export function chenSegment(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n)));
}

/** Trace of Chen's √n schedule (store every ⌈√n⌉-th, recompute each segment once and cache it). */
export function chenTrace(chain: Chain): Trace {
  return everyKTrace(chain, chenSegment(chain.n), true);
}
