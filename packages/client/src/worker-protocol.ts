// The messages between an app and the thread that runs its experiments (a worker_thread under the dashboard, a Web
// Worker in the explorer), and the worker side of a run (see run-request.ts). Everything crossing is plain,
// structured-cloneable data; errors cross as core's SerializedError. Every request carries an id and ends with
// exactly one final message (see isFinal), which lets the app notice a worker that stopped answering.
import type { SerializedError } from '@hw3/core/errors';
import type { ExperimentOutput, ExperimentResult } from '@hw3/core/lab';

export type { SerializedError } from '@hw3/core/errors';

/** One run: which experiment, its raw parameters (the experiment's schema validates them) and the seed. */
export interface RunRequest {
  experimentId: string;
  params: Record<string, unknown>;
  seed: number;
}

/** To the worker: start a run (an app may add fields, e.g. a shared cancel flag), or cancel one. */
export type RunToWorker = { type: 'run'; id: number; request: RunRequest } | { type: 'cancel'; id: number };

/** From the worker about one run: progress and partial output while it runs, then one final message. */
export type RunFromWorker =
  | { type: 'progress'; id: number; fraction: number; message?: string }
  /** The output so far (after a finished unit of work), while the run goes on. */
  | { type: 'partial'; id: number; output: ExperimentOutput }
  | { type: 'result'; id: number; result: ExperimentResult; ms: number }
  /** `partial`: what finished before the cancel (status 'cancelled'), if anything did. */
  | { type: 'cancelled'; id: number; partial?: ExperimentResult }
  | { type: 'error'; id: number; error: SerializedError };

/** The message types that end a request (apps add their own final types, e.g. the explorer's claim verdicts). */
const FINAL = new Set(['result', 'cancelled', 'error']);

/** True for a message that ends its request; `extra` names an app's own final message types. */
export function isFinal<M extends { type: string }>(message: M, extra: readonly string[] = []): message is M & { id: number } {
  return FINAL.has(message.type) || extra.includes(message.type);
}
