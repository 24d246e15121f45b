// Messages between the dashboard (main thread) and its experiment thread: the client's run protocol, with a shared
// cancel flag added to each run.
import type { RunFromWorker, RunToWorker } from '@hw3/client/worker-protocol';

export type ToWorker =
  /** `cancelFlag` (Int32Array over a SharedArrayBuffer) lets a cancel reach an experiment that never yields. */
  | (Extract<RunToWorker, { type: 'run' }> & { cancelFlag: SharedArrayBuffer })
  | Extract<RunToWorker, { type: 'cancel' }>;

export type FromWorker = RunFromWorker;

/** What the worker is started with. */
export interface WorkerOptions {
  /** A module whose `experiments` export replaces the registry (tests, add-on labs). */
  experimentsModule?: string;
  /** Milliseconds between progress messages. */
  progressIntervalMs?: number;
}
