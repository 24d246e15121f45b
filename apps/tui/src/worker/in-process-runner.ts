// Runs experiments on the calling thread: the plain (non-TTY) report and component tests use it; the dashboard uses
// the worker runner so that long sweeps never block rendering.
import { CancelledError, type Experiment, type ExperimentResult, experiments as registry, runExperiment } from '@hw3/core';
import { toFailure, type ExperimentRunner, type RunHandlers, type RunRequest } from './runner.js';

export class InProcessRunner implements ExperimentRunner {
  private readonly controllers = new Set<AbortController>();

  constructor(
    private readonly experiments: readonly Experiment[] = registry,
    private readonly progressIntervalMs = 100,
  ) {}

  start(request: RunRequest, handlers: RunHandlers) {
    const controller = new AbortController();
    this.controllers.add(controller);
    const experiment = this.experiments.find((e) => e.id === request.experimentId);
    // Settle asynchronously, as the worker does, so callers see the same order of events.
    void Promise.resolve()
      .then(() => {
        if (!experiment) throw new Error(`unknown experiment ${JSON.stringify(request.experimentId)}`);
        return runExperiment(experiment, request.params, {
          seed: request.seed,
          signal: controller.signal,
          progressIntervalMs: this.progressIntervalMs,
          onProgress: (p) => handlers.onProgress(p.fraction, p.message),
        });
      })
      .then(
        (result) => handlers.onDone(result),
        (error: unknown) => {
          if (error instanceof CancelledError) handlers.onCancelled(error.partial as ExperimentResult | undefined);
          else handlers.onError(toFailure(error));
        },
      )
      .finally(() => this.controllers.delete(controller));
    return { cancel: () => controller.abort() };
  }

  dispose() {
    for (const c of this.controllers) c.abort();
  }
}
