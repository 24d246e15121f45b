// The coordinator's side: a CellExecutor that fans cells out as BullMQ jobs on Redis and gathers their results.
// A job's id is the cell's key (experiment, inputs, code version), so a cell is queued once however often it is asked
// for, and a cell some earlier coordinator already got computed is read back from Redis instead of recomputed.
import { Queue, QueueEvents, Job } from 'bullmq';
import { CancelledError, type CellExecutor } from '@hw3/core';
import { cellKey } from '../cell-cache.js';
import { codeVersion, type CodeVersion } from '../code-version.js';
import { queueName, type CellJob } from './cell-job.js';
import { QueueError } from './errors.js';
import { connectRedis } from './redis.js';

/** A connected coordinator. */
export interface RedisCells {
  execute: CellExecutor;
  /** Workers now listening for this code version's cells. */
  workers(): Promise<number>;
  close(): Promise<void>;
}

/** Options of {@link redisCellExecutor}. */
export interface RedisCellsOptions {
  /** Attempts per cell before the sweep fails (default 3; a stalled worker does not count as an attempt). */
  attempts?: number;
}

const parse = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** Connects to Redis. @throws QueueError for a bad URL or an unreachable Redis. */
export async function redisCellExecutor(url: string, options: RedisCellsOptions = {}): Promise<RedisCells> {
  const code: CodeVersion = codeVersion();
  const name = queueName(code);
  const connections = [await connectRedis(url), await connectRedis(url)];
  const queue = new Queue<CellJob>(name, { connection: connections[0]! });
  const events = new QueueEvents(name, { connection: connections[1]! });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);

  const execute: CellExecutor = async (experiment, cells, { signal, onResult, onProgress }) => {
    const total = cells.length;
    const index = new Map<string, number>();
    cells.forEach((cell, i) => index.set(cellKey(experiment, cell, code), i));
    const partial = new Map<number, number>();
    const finished = new Set<number>();
    const report = () => {
      let sum = finished.size;
      for (const [i, f] of partial) if (!finished.has(i)) sum += f;
      onProgress?.(sum / total, finished.size, total);
    };
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const end = (error?: Error) => {
        if (settled) return;
        settled = true;
        events.off('completed', onCompleted);
        events.off('progress', onJobProgress);
        events.off('failed', onFailed);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const finish = (jobId: string, value: unknown) => {
        const i = index.get(jobId);
        if (i === undefined || finished.has(i) || settled) return; // another sweep's cell, or already gathered
        finished.add(i);
        onResult(i, parse(value));
        report();
        if (finished.size === total) end();
      };
      const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => finish(jobId, returnvalue);
      const onJobProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
        const i = index.get(jobId);
        if (i === undefined || typeof data !== 'number') return;
        partial.set(i, data);
        report();
      };
      const onFailed = async ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
        if (!index.has(jobId)) return;
        // 'failed' also fires for an attempt that will be retried: only a job in the failed set has given up.
        if ((await queue.getJobState(jobId)) === 'failed') end(new QueueError('CELL_FAILED', jobId, `a cell failed on its workers: ${failedReason}`, 'cells that train'));
      };
      const onAbort = () => {
        // Cells not yet taken leave the queue; cells in progress finish and stay in Redis for a rerun to collect.
        void Promise.all([...index.keys()].map(async (id) => ((await queue.getJobState(id)) === 'waiting' ? queue.remove(id).catch(() => 0) : undefined)));
        end(new CancelledError('queued sweep'));
      };
      events.on('completed', onCompleted);
      events.on('progress', onJobProgress);
      events.on('failed', onFailed);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      void (async () => {
        const jobs = await queue.addBulk(
          cells.map((cell) => {
            const jobId = cellKey(experiment, cell, code);
            return {
              name: experiment,
              data: { experiment, cell, codeVersion: code.id },
              opts: { jobId, attempts: options.attempts ?? 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 86_400 } },
            };
          }),
        );
        report();
        // A job that already existed (same cell, earlier sweep) keeps its state: collect or retry it.
        for (const job of jobs) {
          const jobId = job.id!;
          const state = await queue.getJobState(jobId);
          if (state === 'completed') {
            const done = await Job.fromId(queue, jobId);
            if (done) finish(jobId, done.returnvalue);
          } else if (state === 'failed') await (await Job.fromId(queue, jobId))?.retry();
        }
      })().catch((error: unknown) => end(error as Error));
    });
  };

  return {
    execute,
    workers: () => queue.getWorkersCount(),
    async close() {
      await events.close();
      await queue.close();
      await Promise.all(connections.map((c) => c.quit().catch(() => 'OK')));
    },
  };
}
