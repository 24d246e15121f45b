// Messages between the dashboard (main thread) and the experiment worker.
import type { ExperimentResult } from '@hw3/core';
import type { RunFailure, RunRequest } from './runner.js';

export type ToWorker =
  /** `cancelFlag` (Int32Array over a SharedArrayBuffer) lets a cancel reach an experiment that never yields. */
  | { type: 'run'; runId: number; request: RunRequest; cancelFlag: SharedArrayBuffer }
  | { type: 'cancel'; runId: number };

export type FromWorker =
  | { type: 'progress'; runId: number; fraction: number; message?: string }
  | { type: 'done'; runId: number; result: ExperimentResult }
  | { type: 'cancelled'; runId: number; partial?: ExperimentResult }
  | { type: 'error'; runId: number; error: RunFailure };

/** What the worker is started with. */
export interface WorkerOptions {
  /** A module whose `experiments` export replaces the registry (tests, add-on labs). */
  experimentsModule?: string;
  /** Milliseconds between progress messages. */
  progressIntervalMs?: number;
}
