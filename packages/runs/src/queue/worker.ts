// `hw3 worker`: takes cells of this code version off the Redis queue and trains them, one per worker thread
// (concurrency), until closed. A worker that dies mid-cell stops renewing its lock; after `stallMs` another worker's
// stalled-job check puts the cell back in the queue, so it is computed again elsewhere, once.
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { codeVersion, type CodeVersion } from '../code-version.js';
import { queueName } from './cell-job.js';
import { connectRedis } from './redis.js';

/** Options of {@link startCellWorker}. */
export interface CellWorkerOptions {
  /** Cells trained at once, each on its own worker thread (default 1). */
  concurrency?: number;
  /** How long a cell's lock lasts without renewal before another worker may take it over (default 30 000 ms). */
  stallMs?: number;
  /** Called with one line per event (ready, each cell done or failed). */
  log?: (line: string) => void;
}

/** A running worker. */
export interface CellWorker {
  code: CodeVersion;
  queue: string;
  /** Stops taking cells and waits for the cells in progress to finish. */
  close(): Promise<void>;
}

const processor = fileURLToPath(new URL('./cell-processor.js', import.meta.url));

function describeCell(cell: unknown): string {
  const c = cell as { width?: number; parameterization?: string | { id?: string }; lr?: number; seed?: number; shape?: { width?: number } };
  if (c.shape) return `transformer width ${c.shape.width} ${typeof c.parameterization === 'object' ? c.parameterization.id : '?'} lr 2^${c.lr ? Math.round(Math.log2(c.lr) * 100) / 100 : '?'} seed ${c.seed}`;
  return `width ${c.width} ${c.parameterization} lr 2^${c.lr ? Math.round(Math.log2(c.lr) * 100) / 100 : '?'} seed ${c.seed}`;
}

/** Connects to Redis and starts taking cells. @throws QueueError for a bad URL or an unreachable Redis. */
export async function startCellWorker(url: string, options: CellWorkerOptions = {}): Promise<CellWorker> {
  const code = codeVersion();
  const log = options.log ?? (() => {});
  const stallMs = options.stallMs ?? 30_000;
  const connection = await connectRedis(url);
  const name = queueName(code);
  const worker = new Worker(name, processor, {
    connection,
    useWorkerThreads: true,
    concurrency: options.concurrency ?? 1,
    lockDuration: stallMs,
    stalledInterval: stallMs,
    maxStalledCount: 3,
    name: `${hostname()}:${process.pid}`,
  });
  worker.on('error', (error) => log(`error: ${error.message}`));
  worker.on('completed', (job) => log(`done ${describeCell(job.data.cell)} (${job.id?.slice(0, 8)})`));
  worker.on('failed', (job, error) => log(`failed ${job ? describeCell(job.data.cell) : ''}: ${error.message}`));
  worker.on('stalled', (jobId) => log(`cell ${jobId.slice(0, 8)} stalled (its worker went silent): back in the queue`));
  await worker.waitUntilReady();
  log(`ready: cells of code ${code.id} from ${url} (queue ${name}), ${options.concurrency ?? 1} at a time`);
  return {
    code,
    queue: name,
    async close() {
      await worker.close();
      await connection.quit().catch(() => {});
    },
  };
}
