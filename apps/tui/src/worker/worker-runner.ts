// Runs experiments in a worker thread so rendering never waits for them. A cancel sets a shared flag (seen at the
// experiment's next check even without yielding) and posts a message (seen by experiments that await); an
// experiment that ignores both for `hardCancelMs` is stopped by terminating its thread.
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerOptions } from './messages.js';
import { deliver, type ExperimentRunner, type RunHandle, type RunHandlers, type RunRequest } from './runner.js';

export interface WorkerRunnerOptions extends WorkerOptions {
  /** The built worker script (default: experiment-worker.js next to this file). */
  workerUrl?: URL;
  /** After a cancel, how long to wait for the experiment to stop before terminating the thread (default 3000). */
  hardCancelMs?: number;
}

interface Active {
  handlers: RunHandlers;
  worker: Worker;
  flag: Int32Array;
  timer?: NodeJS.Timeout;
}

export class WorkerRunner implements ExperimentRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly active = new Map<number, Active>();

  constructor(private readonly options: WorkerRunnerOptions = {}) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const { workerUrl, hardCancelMs: _, ...workerData } = this.options;
    const worker = new Worker(workerUrl ?? new URL('./experiment-worker.js', import.meta.url), { workerData });
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => this.failAll(worker, error.message));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(worker, 'the experiment thread stopped');
    });
    // The dashboard decides when the process ends, not an idle worker.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Starts the thread now, so it has loaded the kernels and experiments by the time the first run is asked for. */
  warm(): void {
    this.ensureWorker();
  }

  private settle(runId: number): Active | undefined {
    const run = this.active.get(runId);
    if (run?.timer) clearTimeout(run.timer);
    this.active.delete(runId);
    return run;
  }

  private receive(message: FromWorker) {
    if (message.type === 'progress' || message.type === 'partial') {
      const run = this.active.get(message.id);
      if (run) deliver(message, run.handlers);
      return;
    }
    const run = this.settle(message.id);
    if (run) deliver(message, run.handlers);
  }

  /** Ends the runs of a thread that died (only that thread's: a fresh one may already be running the next). */
  private failAll(worker: Worker, reason: string) {
    for (const [runId, active] of [...this.active.entries()]) {
      if (active.worker !== worker) continue;
      const run = this.settle(runId)!;
      if (Atomics.load(run.flag, 0) !== 0) run.handlers.onCancelled(undefined);
      else run.handlers.onError({ name: 'Error', message: reason });
    }
  }

  start(request: RunRequest, handlers: RunHandlers): RunHandle {
    const runId = this.nextId++;
    const cancelFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelFlag);
    const worker = this.ensureWorker();
    this.active.set(runId, { handlers, flag, worker });
    worker.postMessage({ type: 'run', id: runId, request, cancelFlag } satisfies ToWorker);
    return {
      cancel: () => {
        const run = this.active.get(runId);
        if (!run || Atomics.load(flag, 0) !== 0) return;
        Atomics.store(flag, 0, 1);
        run.worker.postMessage({ type: 'cancel', id: runId } satisfies ToWorker);
        run.timer = setTimeout(() => {
          // It did not stop: end its thread (the next run starts a fresh one); nothing finished can be recovered.
          if (this.worker === run.worker) this.worker = undefined;
          if (this.active.has(runId)) {
            this.settle(runId);
            handlers.onCancelled(undefined);
          }
          void run.worker.terminate();
        }, this.options.hardCancelMs ?? 3000);
      },
    };
  }

  dispose() {
    for (const runId of [...this.active.keys()]) this.settle(runId);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
