// An experiment whose cancel check also reads a shared flag, so a cancel from another thread takes effect at the
// experiment's next `throwIfCancelled()` or `progress()` even if it never yields to the event loop.
import type { Experiment } from '@hw3/core';

/** Wraps `experiment` so a non-zero `flag[0]` aborts `controller`. */
export function withCancelFlag(experiment: Experiment, flag: Int32Array, controller: AbortController): Experiment {
  const poll = () => {
    if (Atomics.load(flag, 0) !== 0 && !controller.signal.aborted) controller.abort();
  };
  return {
    ...experiment,
    run: (params, ctx) =>
      experiment.run(params, {
        ...ctx,
        progress(fraction, message) {
          poll();
          ctx.progress(fraction, message);
        },
        checkpoint: (partial) => ctx.checkpoint(partial),
        throwIfCancelled() {
          poll();
          ctx.throwIfCancelled();
        },
      }),
  };
}
