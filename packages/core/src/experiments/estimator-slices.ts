// Runs an estimator inside an experiment in slices of about a million coordinate-samples, so that a long run reports
// progress, yields to the event loop and stops promptly when cancelled.
import type { RunContext } from '../lab/contract.js';
import { yieldToEventLoop } from '../lab/run.js';
import type { GradientEstimate, GradientEstimator } from '../estimators/estimate.js';

const SLICE_WORK = 1 << 20;

/**
 * Draws `samples` samples in slices; between slices checks for cancellation and calls `onSlice(fraction)`.
 * @throws CancelledError (through ctx.throwIfCancelled) when the run is cancelled.
 */
export async function runInSlices(est: GradientEstimator, samples: number, ctx: RunContext, onSlice?: (fraction: number) => void): Promise<GradientEstimate> {
  const b = est.batchSize;
  const slice = Math.max(b, Math.floor(SLICE_WORK / est.dimension / b) * b);
  let done = 0;
  while (done + b <= samples) {
    ctx.throwIfCancelled();
    const n = Math.min(slice, samples - done);
    est.run(n);
    done += n - (n % b);
    onSlice?.(done / samples);
    if (done + b <= samples) await yieldToEventLoop();
  }
  return est.result();
}
