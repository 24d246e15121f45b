// Runs experiments on the calling thread: component tests use it; the dashboard uses the worker runner so that long
// sweeps never block rendering. Both speak the client's run protocol, so they report the same way.
import { experiments as registry, type Experiment } from '@hw3/core';
import { runRequest } from '@hw3/client/run-request';
import { deliver, type ExperimentRunner, type RunHandlers, type RunRequest } from './runner.js';

export class InProcessRunner implements ExperimentRunner {
  private readonly controllers = new Set<AbortController>();
  private nextId = 1;

  constructor(
    private readonly experiments: readonly Experiment[] = registry,
    private readonly progressIntervalMs = 100,
  ) {}

  start(request: RunRequest, handlers: RunHandlers) {
    const controller = new AbortController();
    this.controllers.add(controller);
    const id = this.nextId++;
    const experiment = this.experiments.find((e) => e.id === request.experimentId);
    // Settle asynchronously, as the worker does, so callers see the same order of events.
    void Promise.resolve()
      .then(() => {
        if (!experiment) {
          handlers.onError({ name: 'Error', message: `unknown experiment ${JSON.stringify(request.experimentId)}` });
          return;
        }
        return runRequest(experiment, id, request, (message) => deliver(message, handlers), { signal: controller.signal, progressIntervalMs: this.progressIntervalMs });
      })
      .finally(() => this.controllers.delete(controller));
    return { cancel: () => controller.abort() };
  }

  dispose() {
    for (const c of this.controllers) c.abort();
  }
}
