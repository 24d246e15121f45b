// A sweep's training runs as cells: each is looked up in the caller's cell cache first, the missing ones are computed
// (here on worker threads, or by the caller's executor elsewhere), and each finished one is put in the cache as it
// arrives — so an interrupted sweep loses only the runs in flight, and the rerun computes only what is missing.
// A training run is deterministic in its configuration, so the results are the same bits wherever they come from.
import type { CellServices } from '../lab/contract.js';
import { runCells, trainingRunner, type CellRunner, type PoolOptions } from '../mup/pool.js';
import type { TrainConfig, TrainResult } from '../mup/train.js';

/** The training runs of `configs` in order, from the cache where stored; `onResult` sees every one (cached included). */
export function runTrainingCells(experiment: string, configs: readonly TrainConfig[], cells: CellServices | undefined, options: PoolOptions = {}): Promise<TrainResult[]> {
  return runSweepCells(trainingRunner, experiment, configs, cells, options);
}

/** Cells of any kind the pool knows (`runner`), in order: cached ones from the cache, the rest from the executor or the pool. */
export async function runSweepCells<C, R>(runner: CellRunner<C, R>, experiment: string, configs: readonly C[], cells: CellServices | undefined, options: PoolOptions<R> = {}): Promise<R[]> {
  if (!cells?.cache && !cells?.execute) return runCells(runner, configs, options);
  const total = configs.length;
  const results: (R | undefined)[] = new Array(total);
  const missing: number[] = [];
  for (let i = 0; i < total; i++) {
    const stored = (await cells.cache?.get(experiment, configs[i])) as R | undefined;
    if (stored) {
      results[i] = stored;
      options.onResult?.(i, stored);
    } else missing.push(i);
  }
  const fromCache = total - missing.length;
  const report = (fraction: number, done: number) => options.onProgress?.((fromCache + fraction * missing.length) / total, fromCache + done, total);
  report(0, 0);
  if (missing.length === 0) return results as R[];
  // Cache writes are awaited before the sweep resolves, so a finished sweep has every cell stored.
  const writes: Promise<void>[] = [];
  const finish = (j: number, result: R) => {
    const i = missing[j]!;
    results[i] = result;
    if (cells.cache) writes.push(Promise.resolve(cells.cache.put(experiment, configs[i], result)));
    options.onResult?.(i, result);
  };
  const todo = missing.map((i) => configs[i]!);
  const progress = { onProgress: (fraction: number, done: number) => report(fraction, done) };
  if (cells.execute) {
    await cells.execute(experiment, todo, { ...(options.signal ? { signal: options.signal } : {}), ...progress, onResult: (j, r) => finish(j, r as R) });
  } else {
    await runCells(runner, todo, {
      ...(options.workers !== undefined ? { workers: Math.min(options.workers, todo.length) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...progress,
      onResult: finish,
    });
  }
  await Promise.all(writes);
  return results as R[];
}
