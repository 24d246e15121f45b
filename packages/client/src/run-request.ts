// The worker side of a run, shared by the dashboard's worker_thread, the dashboard's in-process runner and the
// explorer's Web Worker: run the experiment, post throttled progress (and, if asked, partial output), then exactly one
// final message — the result, what finished before a cancel, or the error as plain data.
import { CancelledError, serializeError } from '@hw3/core/errors';
import { runExperiment, type Experiment, type ExperimentOutput, type ExperimentResult, type RunContext } from '@hw3/core/lab';
import type { RunFromWorker, RunRequest } from './worker-protocol.js';

export interface RunRequestOptions {
  signal: AbortSignal;
  /** Minimum milliseconds between progress messages (default 100). */
  progressIntervalMs?: number;
  /** Send the output at each checkpoint: at once for the first, then at most this often. Off when unset. */
  partialIntervalMs?: number;
}

/** The experiment with its checkpoints also posted, so a long run shows its first points early. */
function postingPartials(experiment: Experiment, id: number, intervalMs: number, post: (message: RunFromWorker) => void): Experiment {
  let last = -Infinity;
  return {
    ...experiment,
    run: (params, ctx: RunContext) =>
      experiment.run(params, {
        ...ctx,
        checkpoint(output: ExperimentOutput) {
          ctx.checkpoint(output);
          const now = performance.now();
          if (now - last < intervalMs) return;
          last = now;
          post({ type: 'partial', id, output });
        },
      }),
  };
}

/** Runs `request` with `experiment` and reports through `post`; never throws. */
export async function runRequest(experiment: Experiment, id: number, request: RunRequest, post: (message: RunFromWorker) => void, options: RunRequestOptions): Promise<void> {
  const started = performance.now();
  const { signal, progressIntervalMs = 100, partialIntervalMs } = options;
  const running = partialIntervalMs === undefined ? experiment : postingPartials(experiment, id, partialIntervalMs, post);
  try {
    const result = await runExperiment(running, request.params, {
      seed: request.seed,
      signal,
      progressIntervalMs,
      onProgress: (p) => post({ type: 'progress', id, fraction: p.fraction, ...(p.message ? { message: p.message } : {}) }),
    });
    post({ type: 'result', id, result, ms: performance.now() - started });
  } catch (error) {
    if (error instanceof CancelledError) {
      const partial = error.partial as ExperimentResult | undefined;
      post({ type: 'cancelled', id, ...(partial ? { partial } : {}) });
    } else post({ type: 'error', id, error: serializeError(error) });
  }
}
