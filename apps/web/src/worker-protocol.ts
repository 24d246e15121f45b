// Messages between the page and the experiment worker: the client's run protocol (progress, partial output, result,
// cancelled, error) plus the explorer's own requests. The page holds no experiment code: the worker reads the
// address's query, validates form text against the experiment's own schema, runs it, and answers. Every request
// carries an id; each request gets exactly one final answer (see isFinal), which lets the page notice a worker that
// stopped answering.
import type { ClaimResult } from '@hw3/core/claims';
import { isFinal as isFinalRunMessage, type RunFromWorker, type RunToWorker, type SerializedError } from '@hw3/client/worker-protocol';

export type ToWorker =
  /** Read the query string (bad entries fall back to defaults, with a message each), then run — unless the run's
   * estimated waiting time exceeds `maxSeconds`: then answer `held` with the estimate instead of running. */
  | { type: 'run'; id: number; experimentId: string; query: string; maxSeconds?: number }
  /** Check form text; answers with one message per bad field, or the query string that runs it. */
  | { type: 'validate'; id: number; experimentId: string; texts: [string, string][]; seedText: string }
  | { type: 'claim'; id: number; question: string; claim: string; seed: number }
  | Extract<RunToWorker, { type: 'cancel' }>;

/** What the page's early start (early-worker.ts) asks of a new worker: load an experiment's code now, before any
 * request needs it, and with `run` start the run that opening the page will ask for (see speculative-run.ts). Not a
 * request: it has no id and no answer; the page's identical 'run' request takes the run over, and a failure surfaces
 * there. It travels in the worker's name (workerName), not as a message: a message posted to a worker whose script is
 * still loading waits in the page's main thread until that thread is free to forward it, and during hydration it is
 * not (hundreds of milliseconds under load). The worker reads its name as soon as its script runs. */
export interface WorkerStart {
  experimentId: string;
  run?: { query: string; maxSeconds: number };
}

const WORKER_NAME = 'hw3-experiments';

/** The name of an experiment worker, carrying what it should start with. */
export function workerName(start?: WorkerStart): string {
  return start ? `${WORKER_NAME} ${JSON.stringify(start)}` : WORKER_NAME;
}

/** What a worker named by workerName should start with (undefined for a plain name or one that does not parse). */
export function startOfWorkerName(name: string): WorkerStart | undefined {
  if (!name.startsWith(`${WORKER_NAME} `)) return undefined;
  try {
    const start = JSON.parse(name.slice(WORKER_NAME.length + 1)) as Partial<WorkerStart> | null;
    if (typeof start?.experimentId !== 'string') return undefined;
    const run = start.run;
    if (run !== undefined && (typeof run?.query !== 'string' || typeof run.maxSeconds !== 'number')) return undefined;
    return { experimentId: start.experimentId, ...(run ? { run: { query: run.query, maxSeconds: run.maxSeconds } } : {}) };
  } catch {
    return undefined;
  }
}

/** An error as the page shows it: the typed error's class, code, parameter and message. */
export type WireError = SerializedError;

/** What the worker read from a query: the form's texts, the values used, and one message per ignored entry. */
export interface QueryReading {
  texts: [string, string][];
  seedText: string;
  params: Record<string, unknown>;
  seed: number;
  problems: string[];
  /** For experiments with a `threads` parameter: how many kernel threads this page can run, and why. */
  threads?: string;
}

export type FromWorker =
  | RunFromWorker
  | { type: 'ready'; loadMs: number }
  /** Sent every half second while the worker has work: silence means it is stuck. */
  | { type: 'alive' }
  | { type: 'query'; id: number; reading: QueryReading }
  /** `cost`: what a run of the valid form would cost ("about 40 s on one core"). */
  | { type: 'validated'; id: number; errors: [string, string][]; query?: string; cost?: string }
  /** A run sent with `maxSeconds` passed its cost check and starts now. */
  | { type: 'started'; id: number }
  /** The run was not started: its estimate exceeds the `maxSeconds` it was sent with. */
  | { type: 'held'; id: number; cost: { text: string; seconds: number } }
  | { type: 'claim-result'; id: number; verdict: ClaimResult; ms: number }
  | { type: 'claim-cancelled'; id: number; partial?: ClaimResult };

/** The id that `error` messages carry when they belong to no request (the worker failed to start). */
export const NO_REQUEST = -1;

/** True for the one message that ends a request. */
export function isFinal(message: FromWorker): message is Extract<FromWorker, { id: number }> {
  return isFinalRunMessage(message, ['validated', 'held', 'claim-result', 'claim-cancelled']);
}
