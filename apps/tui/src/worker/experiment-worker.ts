// The experiment thread: runs one experiment at a time for the dashboard and reports through the client's run
// protocol (progress, then the result, a cancel with the finished part, or the error as plain data). Started by
// WorkerRunner.
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '@hw3/core/errors';
import { type Experiment, experiments as registry } from '@hw3/core';
import { runRequest } from '@hw3/client/run-request';
import { withCancelFlag } from './cancellable.js';
import type { FromWorker, ToWorker, WorkerOptions } from './messages.js';

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
  const { id, request } = message;
  const controller = new AbortController();
  controllers.set(id, controller);
  try {
    const experiments = await experimentsReady;
    const experiment = experiments.find((e) => e.id === request.experimentId);
    if (!experiment) throw new Error(`unknown experiment ${JSON.stringify(request.experimentId)}`);
    const cancellable = withCancelFlag(experiment, new Int32Array(message.cancelFlag), controller);
    await runRequest(cancellable, id, request, post, { signal: controller.signal, progressIntervalMs: options.progressIntervalMs ?? 100 });
  } catch (error) {
    post({ type: 'error', id, error: serializeError(error) });
  } finally {
    controllers.delete(id);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message);
  else controllers.get(message.id)?.abort();
});
