// The experiment thread: runs one experiment at a time for the dashboard and reports progress, the result, a cancel
// (with the finished part) or a typed error. Started by WorkerRunner.
import { parentPort, workerData } from 'node:worker_threads';
import { CancelledError, type Experiment, type ExperimentResult, experiments as registry, runExperiment } from '@hw3/core';
import { withCancelFlag } from './cancellable.js';
import type { FromWorker, ToWorker, WorkerOptions } from './messages.js';
import { toFailure } from './runner.js';

const options = (workerData ?? {}) as WorkerOptions;
const port = parentPort!;
const controllers = new Map<number, AbortController>();
const post = (message: FromWorker) => port.postMessage(message);

async function loadExperiments(): Promise<readonly Experiment[]> {
  if (!options.experimentsModule) return registry;
  const mod = (await import(options.experimentsModule)) as { experiments: readonly Experiment[] };
  return mod.experiments;
}
const experimentsReady = loadExperiments();

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const { runId, request } = message;
  const controller = new AbortController();
  controllers.set(runId, controller);
  try {
    const experiments = await experimentsReady;
    const experiment = experiments.find((e) => e.id === request.experimentId);
    if (!experiment) throw new Error(`unknown experiment ${JSON.stringify(request.experimentId)}`);
    const result = await runExperiment(withCancelFlag(experiment, new Int32Array(message.cancelFlag), controller), request.params, {
      seed: request.seed,
      signal: controller.signal,
      progressIntervalMs: options.progressIntervalMs ?? 100,
      onProgress: (p) => post({ type: 'progress', runId, fraction: p.fraction, ...(p.message ? { message: p.message } : {}) }),
    });
    post({ type: 'done', runId, result });
  } catch (error) {
    if (error instanceof CancelledError) {
      const partial = error.partial as ExperimentResult | undefined;
      post({ type: 'cancelled', runId, ...(partial ? { partial } : {}) });
    } else post({ type: 'error', runId, error: toFailure(error) });
  } finally {
    controllers.delete(runId);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message);
  else controllers.get(message.runId)?.abort();
});
