// PyTorch's torch.utils.checkpoint.checkpoint_sequential(functions, segments): segment size ⌊n/segments⌋, the last
// segment takes the rest and runs without checkpointing (9 modules, 5 segments → [1, 1, 1, 1, 5]). Each checkpointed
// segment keeps only its boundary activation and is recomputed once, with its activations kept, in the backward pass.
import { InvalidArgumentError } from '../../errors.js';
import { positiveInt } from '../../validate.js';
import type { Chain } from '../chain.js';
import { TraceBuilder, type Trace } from '../trace.js';

/**
 * PyTorch's split of n modules into `segments` segments.
 * @throws InvalidArgumentError unless 1 ≤ segments ≤ n.
 */
export function sequentialSegments(n: number, segments: number): number[] {
  const s = positiveInt('segments', segments);
  if (s > n) throw new InvalidArgumentError('segments', segments, `at most the number of layers (${n})`);
  const size = Math.floor(n / s);
  return [...Array.from({ length: s - 1 }, () => size), n - size * (s - 1)];
}

/** Trace of checkpoint_sequential(segments). @throws InvalidArgumentError unless 1 ≤ segments ≤ n. */
export function checkpointSequentialTrace(chain: Chain, segments: number): Trace {
  const n = chain.n;
  const lengths = sequentialSegments(n, segments);
  const bounds = [0];
  for (const len of lengths) bounds.push(bounds[bounds.length - 1]! + len);
  const t = new TraceBuilder();
  // Forward: checkpointed segments keep their output only; the last segment keeps every activation.
  for (let s = 1; s < lengths.length; s++) t.advance(lengths[s - 1]!).storeMem(bounds[s]!);
  const lastStart = bounds[lengths.length - 1]!;
  for (let p = lastStart + 1; p < n; p++) t.advance(1).storeMem(p);
  t.advance(1);
  t.backward(n);
  for (let p = n - 1; p > lastStart; p--) t.backward(p).freeMem(p);
  // Backward through the checkpointed segments, last first: recompute the segment from its input, keeping it.
  for (let s = lengths.length - 1; s >= 1; s--) {
    const lo = bounds[s - 1]!;
    const hi = bounds[s]!;
    if (hi - lo >= 2) {
      t.loadMem(lo);
      for (let p = lo + 1; p < hi; p++) t.advance(1).storeMem(p);
    }
    for (let p = hi; p > lo; p--) t.backward(p).freeMem(p);
  }
  return t.finish();
}
