// Messages between the page and the experiment worker. Everything crossing is structured-cloneable JSON.
import type { ClaimResult, ExperimentResult } from '@hw3/core';

export type ToWorker =
  | { type: 'run'; runId: number; experimentId: string; params: Record<string, unknown>; seed: number }
  | { type: 'claim'; runId: number; question: string; claim: string; seed: number }
  | { type: 'cancel'; runId: number };

/** An error as the page shows it: the typed error's class, code, parameter and message. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  param?: string;
  issues?: { param: string; message: string }[];
}

export type FromWorker =
  | { type: 'ready'; loadMs: number }
  | { type: 'progress'; runId: number; fraction: number; message?: string }
  | { type: 'result'; runId: number; result: ExperimentResult; ms: number }
  | { type: 'cancelled'; runId: number; partial?: ExperimentResult }
  | { type: 'claim-result'; runId: number; verdict: ClaimResult; ms: number }
  | { type: 'claim-cancelled'; runId: number; partial?: ClaimResult }
  | { type: 'error'; runId: number; error: WireError };
