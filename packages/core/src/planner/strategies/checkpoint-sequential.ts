// PyTorch's torch.utils.checkpoint.checkpoint_sequential(functions, segments), counted as PyTorch runs it: segment
// size ⌊n/segments⌋, the last segment takes the rest and runs without checkpointing (9 modules, 5 segments →
// [1, 1, 1, 1, 5]). A checkpointed segment keeps only its input during the forward pass; in the backward pass
// `checkpoint` re-runs the whole segment from that input (its last layer too, although the next segment saved its
// output), keeping the segment's activations for autograd. The saved input of a segment is released when that
// segment's backward is done. So PyTorch recomputes ⌊n/segments⌋·(segments − 1) layers: 4 for [1, 1, 1, 1, 5].
import { InvalidArgumentError } from '../../base/errors.js';
import { positiveInt } from '../../base/validate.js';
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

/** Layers PyTorch re-runs in the backward pass: every layer of every checkpointed segment, ⌊n/s⌋·(s − 1). */
export function sequentialRecomputed(n: number, segments: number): number {
  const lengths = sequentialSegments(n, segments);
  return lengths.slice(0, -1).reduce((a, b) => a + b, 0);
}

/** Trace of checkpoint_sequential(segments) as PyTorch runs it. @throws InvalidArgumentError unless 1 ≤ segments ≤ n. */
export function checkpointSequentialTrace(chain: Chain, segments: number): Trace {
  const n = chain.n;
  const lengths = sequentialSegments(n, segments);
  const bounds = [0];
  for (const len of lengths) bounds.push(bounds[bounds.length - 1]! + len);
  const t = new TraceBuilder();
  // Forward: a checkpointed segment keeps nothing but its output, the next segment's saved input; the last segment
  // runs under autograd and keeps every activation.
  for (let s = 1; s < lengths.length; s++) t.advance(lengths[s - 1]!).storeMem(bounds[s]!);
  const lastStart = bounds[lengths.length - 1]!;
  for (let p = lastStart + 1; p < n; p++) t.advance(1).storeMem(p);
  t.advance(1);
  t.backward(n);
  for (let p = n - 1; p > lastStart; p--) t.backward(p).freeMem(p);
  // Backward through the checkpointed segments, last first: the segment above is done, so its saved input a_hi is
  // released; this segment is re-run whole from its own saved input a_lo, keeping its activations.
  for (let s = lengths.length - 1; s >= 1; s--) {
    const lo = bounds[s - 1]!;
    const hi = bounds[s]!;
    t.freeMem(hi);
    t.loadMem(lo);
    for (let p = lo + 1; p < hi; p++) t.advance(1).storeMem(p);
    t.advance(1).backward(hi);
    for (let p = hi - 1; p > lo; p--) t.backward(p).freeMem(p);
  }
  return t.finish();
}
