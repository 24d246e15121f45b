// Run state for every experiment: one run at a time through the runner, a queue for "run all", the last result of
// each experiment, and the log of finished runs that the dashboard prints once (Ink <Static>).
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ExperimentResult } from '@hw3/core';
import type { ExperimentRunner, RunFailure, RunHandle, RunRequest } from '../worker/runner.js';

export interface Current extends RunRequest {
  startedAt: number;
  fraction: number;
  message?: string;
}

/** One finished run, for the log. */
export interface LogEntry {
  key: number;
  request: RunRequest;
  ms: number;
  result?: ExperimentResult;
  error?: RunFailure;
  /** Cancelled with nothing finished. */
  cancelledEmpty?: boolean;
}

export interface RunsState {
  queue: RunRequest[];
  current?: Current;
  /** Last result (complete or partial) per experiment id. */
  results: Record<string, { result: ExperimentResult; ms: number }>;
  /** Last error per experiment id, cleared by a later result. */
  errors: Record<string, RunFailure>;
  log: LogEntry[];
}

export type Status =
  | { kind: 'idle' }
  | { kind: 'queued' }
  | { kind: 'running'; current: Current }
  | { kind: 'pass' | 'fail' | 'cancelled'; result: ExperimentResult; ms: number }
  | { kind: 'error'; error: RunFailure };

type Action =
  | { type: 'enqueue'; requests: RunRequest[] }
  | { type: 'start'; at: number }
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'finish'; at: number; result?: ExperimentResult; error?: RunFailure; cancelled?: boolean }
  | { type: 'clearQueue' }
  | { type: 'show'; experimentId: string; result: ExperimentResult; ms: number };

function reduce(state: RunsState, action: Action): RunsState {
  switch (action.type) {
    case 'enqueue':
      return { ...state, queue: [...state.queue, ...action.requests] };
    case 'start': {
      const [next, ...rest] = state.queue;
      if (!next || state.current) return state;
      return { ...state, queue: rest, current: { ...next, startedAt: action.at, fraction: 0 } };
    }
    case 'progress':
      if (!state.current) return state;
      return { ...state, current: { ...state.current, fraction: action.fraction, ...(action.message !== undefined ? { message: action.message } : {}) } };
    case 'finish': {
      const current = state.current;
      if (!current) return state;
      const { startedAt: _, fraction: __, message: ___, ...request } = current;
      const ms = action.at - current.startedAt;
      const id = current.experimentId;
      const results = { ...state.results };
      const errors = { ...state.errors };
      if (action.result) {
        results[id] = { result: action.result, ms };
        delete errors[id];
      }
      if (action.error) errors[id] = action.error;
      const entry: LogEntry = {
        key: state.log.length,
        request,
        ms,
        ...(action.result ? { result: action.result } : {}),
        ...(action.error ? { error: action.error } : {}),
        ...(action.cancelled && !action.result ? { cancelledEmpty: true } : {}),
      };
      const { current: ____, ...rest } = state;
      return { ...rest, results, errors, log: [...state.log, entry] };
    }
    case 'clearQueue':
      return { ...state, queue: [] };
    case 'show': {
      // A stored run opened from the run store: it becomes the experiment's last result.
      const errors = { ...state.errors };
      delete errors[action.experimentId];
      return { ...state, errors, results: { ...state.results, [action.experimentId]: { result: action.result, ms: action.ms } } };
    }
  }
}

/** The status of one experiment. */
export function statusOf(state: RunsState, id: string): Status {
  if (state.current?.experimentId === id) return { kind: 'running', current: state.current };
  if (state.queue.some((r) => r.experimentId === id)) return { kind: 'queued' };
  const error = state.errors[id];
  if (error) return { kind: 'error', error };
  const last = state.results[id];
  if (!last) return { kind: 'idle' };
  const kind = last.result.status === 'cancelled' ? 'cancelled' : last.result.checks.every((c) => c.pass) ? 'pass' : 'fail';
  return { kind, result: last.result, ms: last.ms };
}

export interface Runs {
  state: RunsState;
  /** Queues runs (they start in order, one at a time). */
  run(...requests: RunRequest[]): void;
  /** Cancels the running experiment (its finished part is kept) and empties the queue. */
  cancel(): void;
  /** Shows a stored result as the experiment's last result. */
  show(experimentId: string, result: ExperimentResult, ms: number): void;
}

/** Runs experiments through `runner`; `now` is injectable for tests. */
export function useRuns(runner: ExperimentRunner, now: () => number = Date.now): Runs {
  const [state, dispatch] = useReducer(reduce, { queue: [], results: {}, errors: {}, log: [] });
  const handle = useRef<RunHandle | undefined>(undefined);

  useEffect(() => {
    if (state.current || state.queue.length === 0) return;
    const next = state.queue[0]!;
    dispatch({ type: 'start', at: now() });
    handle.current = runner.start(next, {
      onProgress: (fraction, message) => dispatch({ type: 'progress', fraction, ...(message !== undefined ? { message } : {}) }),
      onDone: (result) => dispatch({ type: 'finish', at: now(), result }),
      onCancelled: (partial) => dispatch({ type: 'finish', at: now(), cancelled: true, ...(partial ? { result: partial } : {}) }),
      onError: (error) => dispatch({ type: 'finish', at: now(), error }),
    });
  }, [state.current, state.queue, runner, now]);

  const run = useCallback((...requests: RunRequest[]) => dispatch({ type: 'enqueue', requests }), []);
  const cancel = useCallback(() => {
    dispatch({ type: 'clearQueue' });
    handle.current?.cancel();
  }, []);
  const show = useCallback((experimentId: string, result: ExperimentResult, ms: number) => dispatch({ type: 'show', experimentId, result, ms }), []);
  return { state, run, cancel, show };
}
