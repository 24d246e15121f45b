// `hw3 worker --redis redis://host:6379 [--concurrency N] [--stall-ms MS]`: trains sweep cells queued by
// `hw3 run … --redis` on any machine that reaches the same Redis, until Ctrl-C (which lets the cells in progress
// finish; a second Ctrl-C quits at once, and the stalled-job check hands those cells to another worker).
import { Command } from 'commander';
import { availableCores, clipText } from '@hw3/core';
import { UsageError } from './exit.js';
import { releaseEarlyInterrupt } from './interrupt.js';
import { asQueueUsageError } from './queue-access.js';

function positiveInt(flag: string, max: number): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
      const allowed = `an integer from 1 to ${max}`;
      throw new UsageError(`${flag} must be ${allowed}, got ${clipText(JSON.stringify(text), 80)}`, { code: 'INVALID_ARGUMENT', param: flag, value: clipText(text, 80), allowed });
    }
    return n;
  };
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('train sweep cells queued on Redis by `hw3 run lr-transfer --redis …` or `hw3 run transformer-lr-transfer --redis …` (any number of workers, any machines)')
    .requiredOption('--redis <url>', 'the Redis every worker and the coordinator use, e.g. redis://host:6379')
    .option('--concurrency <n>', 'cells trained at once, one worker thread each (default 1; at most the cores here)', positiveInt('--concurrency', 256), 1)
    .option('--stall-ms <ms>', 'a cell whose worker has been silent this long goes to another worker (default 30000)', positiveInt('--stall-ms', 3_600_000), 30_000)
    .action(async (opts: { redis: string; concurrency: number; stallMs: number }) => {
      const cores = await availableCores();
      if (opts.concurrency > cores) throw positiveInt('--concurrency', cores)(String(opts.concurrency));
      const { startCellWorker } = await import('@hw3/runs/queue');
      const log = (line: string) => process.stderr.write(`${new Date().toISOString()} hw3 worker ${process.pid}: ${line}\n`);
      const worker = await startCellWorker(opts.redis, { concurrency: opts.concurrency, stallMs: opts.stallMs, log }).catch(asQueueUsageError);
      releaseEarlyInterrupt();
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop).off('SIGTERM', stop);
          process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));
          log('stopping: finishing the cells in progress (Ctrl-C again to quit now; they then go to another worker)');
          void worker.close().then(resolve);
        };
        process.on('SIGINT', stop).on('SIGTERM', stop);
      });
      log('stopped');
    });
}
