// What the dashboard needs from whatever runs experiments: start one, hear its progress and outcome, cancel it.
import type { ExperimentResult } from '@hw3/core';

export interface RunRequest {
  experimentId: string;
  /** Raw parameters (the experiment's schema validates them). */
  params: Record<string, unknown>;
  seed: number;
}

/** A failed run, as plain data (it may have crossed a thread boundary). */
export interface RunFailure {
  name: string;
  message: string;
  code?: string;
  param?: string;
  /** ParamError's list of problems. */
  issues?: { param: string; message: string }[];
}

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

/** Plain data for any thrown value. */
export function toFailure(error: unknown): RunFailure {
  if (error instanceof Error) {
    const e = error as Error & { code?: string; param?: string; issues?: { param: string; message: string }[] };
    return {
      name: e.name,
      message: e.message,
      ...(e.code ? { code: e.code } : {}),
      ...(e.param ? { param: e.param } : {}),
      ...(e.issues ? { issues: e.issues } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}
