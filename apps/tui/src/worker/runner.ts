// What the dashboard needs from whatever runs experiments: start one, hear its progress and outcome, cancel it.
import type { SerializedError } from '@hw3/core/errors';
import type { ExperimentResult } from '@hw3/core';
import type { RunFromWorker, RunRequest } from '@hw3/client/worker-protocol';

export type { RunRequest } from '@hw3/client/worker-protocol';

/** A failed run, as plain data (it may have crossed a thread boundary). */
export type RunFailure = SerializedError;

export interface RunHandlers {
  onProgress(fraction: number, message?: string): void;
  onDone(result: ExperimentResult): void;
  /** `partial` is what finished before the cancel (status 'cancelled'), if anything did. */
  onCancelled(partial?: ExperimentResult): void;
  onError(error: RunFailure): void;
}

export interface RunHandle {
  cancel(): void;
}

export interface ExperimentRunner {
  /** Starts a run; exactly one of onDone / onCancelled / onError follows. */
  start(request: RunRequest, handlers: RunHandlers): RunHandle;
  /** Stops everything and frees threads. */
  dispose(): void;
}

/** Hands one protocol message to the run's handlers (partial output is not shown by the dashboard). */
export function deliver(message: RunFromWorker, handlers: RunHandlers): void {
  if (message.type === 'progress') handlers.onProgress(message.fraction, message.message);
  else if (message.type === 'result') handlers.onDone(message.result);
  else if (message.type === 'cancelled') handlers.onCancelled(message.partial);
  else if (message.type === 'error') handlers.onError(message.error);
}
