'use client';
// Runs experiments in the worker: progress, cancel (keeping what finished), and the latest result or error.
import { useCallback, useRef, useState } from 'react';
import type { ExperimentResult } from '@hw3/core';
import type { FromWorker, WireError } from './worker-protocol';
import { useWorker } from './use-worker';

export type RunStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'error';

export interface RunnerState {
  status: RunStatus;
  fraction: number;
  message: string | undefined;
  result: ExperimentResult | undefined;
  error: WireError | undefined;
  /** Milliseconds from the request to the result, measured on the page. */
  ms: number | undefined;
  /** JSON of the parameters and seed of the latest run (for tests and the status line). */
  runKey: string | undefined;
}

const IDLE: RunnerState = { status: 'idle', fraction: 0, message: undefined, result: undefined, error: undefined, ms: undefined, runKey: undefined };
// A run that does not honour the abort within this time is stopped by restarting the worker.
const CANCEL_GRACE_MS = 3000;

export function useRunner(experimentId: string) {
  const [state, setState] = useState<RunnerState>(IDLE);
  const current = useRef(0);
  const startedAt = useRef(0);
  const cancelTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const onMessage = useCallback((m: FromWorker) => {
    if (m.type === 'ready') return;
    if (m.runId === -1 && m.type === 'error') {
      setState((s) => ({ ...s, status: 'error', error: m.error }));
      return;
    }
    if (m.runId !== current.current) return;
    if (m.type === 'progress') setState((s) => (s.status === 'running' ? { ...s, fraction: m.fraction, message: m.message } : s));
    else if (m.type === 'result') {
      clearTimeout(cancelTimer.current);
      setState((s) => ({ ...s, status: 'done', fraction: 1, message: undefined, result: m.result, error: undefined, ms: performance.now() - startedAt.current }));
    } else if (m.type === 'cancelled') {
      clearTimeout(cancelTimer.current);
      setState((s) => ({ ...s, status: 'cancelled', result: m.partial, message: undefined }));
    } else if (m.type === 'error') {
      clearTimeout(cancelTimer.current);
      setState((s) => ({ ...s, status: 'error', error: m.error, result: undefined }));
    }
  }, []);

  const worker = useWorker(onMessage);

  const run = useCallback(
    (params: Record<string, unknown>, seed: number) => {
      if (current.current) worker.send({ type: 'cancel', runId: current.current });
      clearTimeout(cancelTimer.current);
      const runId = ++current.current;
      startedAt.current = performance.now();
      setState((s) => ({ ...s, status: 'running', fraction: 0, message: undefined, error: undefined, runKey: JSON.stringify({ params, seed }) }));
      worker.send({ type: 'run', runId, experimentId, params, seed });
    },
    [experimentId, worker],
  );

  const cancel = useCallback(() => {
    const runId = current.current;
    worker.send({ type: 'cancel', runId });
    setState((s) => ({ ...s, status: 'cancelling' }));
    cancelTimer.current = setTimeout(() => {
      if (runId !== current.current) return;
      worker.restart();
      current.current++;
      setState((s) => ({ ...s, status: 'cancelled', result: undefined, message: 'stopped (the run did not answer the cancel in time)' }));
    }, CANCEL_GRACE_MS);
  }, [worker]);

  return { state, run, cancel };
}
