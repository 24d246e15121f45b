// Runs many training runs in parallel on worker threads (Node) or Web Workers (browsers), or inline on this thread.
// Progress is reported as runs advance; an abort terminates the workers at once and keeps the finished runs.
import { CancelledError, Hw3Error, InvalidArgumentError } from '../base/errors.js';
import { workerHost, type WorkerHandle, type WorkerHost } from './host.js';
import { handleTask, type FromWorker, type ToWorker } from './protocol.js';
import { checkTrainConfig, type TrainConfig, type TrainResult } from './train.js';

/**
 * One kind of cell the pool can compute: how a cell is checked before anything starts, how a realm computes one
 * (inline, or inside a worker), and where its workers come from. The MLP's training runs are one kind; other layers
 * bring theirs (a Transformer's training run) with their own worker entry, and share this pool.
 */
export interface CellRunner<C, R> {
  /** Throws an InvalidArgumentError naming the bad field. */
  check(config: C): void;
  /** Computes one cell in this realm and reports progress and the outcome through `post`. */
  handle(message: ToWorker<C>, post: (m: FromWorker<R>) => void): Promise<void>;
  /** The workers of this runtime that run `handle`. */
  host(): Promise<WorkerHost<C, R>>;
}

/** The MLP's training runs (mup/train.ts), computed by this folder's workers. */
export const trainingRunner: CellRunner<TrainConfig, TrainResult> = { check: checkTrainConfig, handle: handleTask, host: workerHost };

/** Options of {@link runTrainings}: worker count, cancel signal, progress and per-result callbacks. */
export interface PoolOptions<R = TrainResult> {
  /** Worker count: 0 runs inline on this thread; at most the number of logical cores. Default: min(cores, runs). */
  workers?: number;
  signal?: AbortSignal;
  /** Fraction of all runs done (partial runs counted by their progress). */
  onProgress?: (fraction: number, done: number, total: number) => void;
  /** Called as each run finishes, with its index in `configs`. */
  onResult?: (index: number, result: R) => void;
}

/** A run failed inside a worker for a reason other than its configuration (which is checked up front). */
export class WorkerRunError extends Hw3Error {
  constructor(index: number, message: string) {
    super('INVALID_ARGUMENT', `training run ${index} failed: ${message}`, `configs[${index}]`);
  }
}

/** Logical cores of this runtime. */
export async function availableCores(): Promise<number> {
  return (await workerHost()).cores;
}

/**
 * Trains every configuration and returns the results in order. Each run is deterministic in its config, so the
 * results do not depend on the worker count or the scheduling.
 * @throws InvalidArgumentError for an empty list, a bad config (named `configs[i].field`) or more workers than cores;
 *   CancelledError (its `partial` is the result array with undefined holes) when `signal` aborts.
 */
export function runTrainings(configs: readonly TrainConfig[], options: PoolOptions = {}): Promise<TrainResult[]> {
  return runCells(trainingRunner, configs, options);
}

/**
 * Computes every cell of one kind and returns the results in order, on `options.workers` workers (0: inline). Each
 * cell is deterministic in its config, so the results do not depend on the worker count or the scheduling.
 * @throws as {@link runTrainings}.
 */
export async function runCells<C, R>(runner: CellRunner<C, R>, configs: readonly C[], options: PoolOptions<R> = {}): Promise<R[]> {
  if (!Array.isArray(configs) || configs.length === 0) throw new InvalidArgumentError('configs', configs, 'a non-empty list of training configurations');
  configs.forEach((c, i) => {
    try {
      runner.check(c);
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw new InvalidArgumentError(`configs[${i}].${error.param}`, error.value, error.message.replace(/^.* must be (.*), got .*$/, '$1'));
      throw error;
    }
  });
  const host = options.workers === 0 ? undefined : await runner.host();
  const cores = host?.cores ?? 1;
  const workers = options.workers ?? Math.min(cores, configs.length);
  if (!Number.isInteger(workers) || workers < 0 || workers > cores) {
    throw new InvalidArgumentError('workers', workers, `an integer from 0 to ${cores} (the logical cores here)`);
  }
  const { signal } = options;
  const total = configs.length;
  const results: (R | undefined)[] = new Array(total);
  const partial = new Float64Array(total);
  let done = 0;
  const report = () => {
    let sum = 0;
    for (const f of partial) sum += f;
    options.onProgress?.(sum / total, done, total);
  };
  const finish = (index: number, result: R) => {
    results[index] = result;
    partial[index] = 1;
    done++;
    options.onResult?.(index, result);
    report();
  };
  const cancelled = () => new CancelledError('training sweep', results);
  if (signal?.aborted) throw cancelled();

  if (workers === 0) {
    for (let i = 0; i < total; i++) {
      if (signal?.aborted) throw cancelled();
      let outcome: FromWorker<R> | undefined;
      await runner.handle({ type: 'run', id: i, config: configs[i]! }, (m) => {
        if (m.type === 'progress') {
          partial[i] = m.fraction;
          report();
        } else outcome = m;
      });
      if (outcome?.type === 'error') throw new WorkerRunError(i, outcome.error.message);
      if (outcome?.type === 'result') finish(i, outcome.result);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return results as R[];
  }

  return new Promise<R[]>((resolve, reject) => {
    const handles: WorkerHandle<C, R>[] = [];
    let next = 0;
    let settled = false;
    const stop = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const h of handles) h.terminate();
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(results as R[]);
    };
    const onAbort = () => stop(cancelled());
    signal?.addEventListener('abort', onAbort);
    const feed = (h: WorkerHandle<C, R>) => {
      if (next < total) {
        const id = next++;
        h.post({ type: 'run', id, config: configs[id]! });
      }
    };
    for (let w = 0; w < workers; w++) {
      const h = host!.spawn();
      handles.push(h);
      h.onMessage((m) => {
        if (settled) return;
        if (m.type === 'progress') {
          partial[m.id] = m.fraction;
          report();
          return;
        }
        if (m.type === 'error') return stop(new WorkerRunError(m.id, m.error.message));
        finish(m.id, m.result);
        if (done === total) return stop();
        feed(h);
      });
      h.onError((e) => stop(new WorkerRunError(-1, e.message)));
      feed(h);
    }
  });
}
