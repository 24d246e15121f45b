// Messages between a training pool and its workers, and the worker side's handler (shared by Node and browsers).
import { serializeError, type SerializedError } from '../base/errors.js';
import { kernelThreadsSupport, startKernelThreads } from '../base/kernel-threads.js';
import { loadDataset, type Dataset, type DatasetName } from './data.js';
import { trainRun, type TrainConfig, type TrainResult } from './train.js';

/** A cell to compute (by default an MLP training run). */
export type ToWorker<C = TrainConfig> = { type: 'run'; id: number; config: C };
/** What a worker reports about a cell: progress, its result, or the error that stopped it. */
export type FromWorker<R = TrainResult> =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'result'; id: number; result: R }
  | { type: 'error'; id: number; error: SerializedError };

const datasets = new Map<DatasetName, Promise<Dataset>>();

/** Runs one task in this realm and reports through `post`. */
export async function handleTask(message: ToWorker, post: (m: FromWorker) => void): Promise<void> {
  const { id, config } = message;
  try {
    let dataset = datasets.get(config.dataset);
    if (!dataset) {
      dataset = loadDataset(config.dataset);
      datasets.set(config.dataset, dataset);
    }
    // trainRun is synchronous; a browser's kernel thread must be started (asynchronously) before it. Where none can
    // run, the run uses one thread (same bits), and the experiment records the threads it had (kernelThreadsSupport).
    if (config.threads === 2 && kernelThreadsSupport().available) await startKernelThreads();
    const result = trainRun(config, await dataset, { progress: (fraction) => post({ type: 'progress', id, fraction }) });
    post({ type: 'result', id, result });
  } catch (error) {
    post({ type: 'error', id, error: serializeError(error) });
  }
}
