'use client';
// Runs experiments in the worker: progress, partial results while running, cancel (keeping what finished), and the
// latest result or error. A run starts from a query string; the worker says what it read (the form's texts and the
// entries it ignored) before it runs.
import { useCallback, useRef, useState } from 'react';
import type { ExperimentOutput, ExperimentResult } from '@hw3/core/experiments/api';
import { NO_REQUEST, type FromWorker, type QueryReading, type WireError } from './worker-protocol';
import { useWorker } from './use-worker';

/** 'checking': the worker is estimating what an unasked-for run would cost, before it starts or holds it. */
export type RunStatus = 'idle' | 'checking' | 'running' | 'held' | 'cancelling' | 'done' | 'cancelled' | 'error';

export interface RunnerState {
  status: RunStatus;
  fraction: number;
  message: string | undefined;
  result: ExperimentResult | undefined;
  /** The output so far while the run goes on (cleared when it ends). */
  partial: ExperimentOutput | undefined;
  error: WireError | undefined;
  /** What the worker read from the address of the current run. */
  reading: QueryReading | undefined;
  /** Milliseconds from the request to the result, measured on the page. */
  ms: number | undefined;
  /** Milliseconds from the request to the first thing shown (a partial or the result). */
  firstMs: number | undefined;
  /** JSON of the parameters and seed of the current run (for tests and the status line). */
  runKey: string | undefined;
  /** Why a run did not start by itself: its estimated cost (status 'held'). */
  held: { text: string; seconds: number } | undefined;
}

const IDLE: RunnerState = {
  status: 'idle',
  fraction: 0,
  message: undefined,
  result: undefined,
  partial: undefined,
  error: undefined,
  reading: undefined,
  ms: undefined,
  firstMs: undefined,
  runKey: undefined,
  held: undefined,
};
// A run that does not honour the abort within this time is stopped by restarting the worker.
const CANCEL_GRACE_MS = 3000;

export function useRunner(experimentId: string, onValidated: (m: Extract<FromWorker, { type: 'validated' }> | Extract<FromWorker, { type: 'error' }>) => void) {
  const [state, setState] = useState<RunnerState>(IDLE);
  const current = useRef(0);
  const startedAt = useRef(0);
  const cancelTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const validated = useRef(onValidated);
  validated.current = onValidated;
  const elapsed = () => performance.now() - startedAt.current;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `elapsed` reads a ref (the start time), which never changes identity.
  const onMessage = useCallback((m: FromWorker) => {
    if (m.type === 'ready' || m.type === 'alive') return;
    if (m.type === 'validated') return validated.current(m);
    if (m.type === 'error' && m.id === NO_REQUEST) {
      setState((s) => ({ ...s, status: 'error', error: m.error }));
      return;
    }
    if (m.id !== current.current) {
      if (m.type === 'error') validated.current(m);
      return;
    }
    if (m.type === 'query') setState((s) => ({ ...s, reading: m.reading, runKey: JSON.stringify({ params: m.reading.params, seed: m.reading.seed }) }));
    else if (m.type === 'progress') setState((s) => (s.status === 'running' ? { ...s, fraction: m.fraction, message: m.message } : s));
    else if (m.type === 'partial') setState((s) => (s.status === 'running' ? { ...s, partial: m.output, firstMs: s.firstMs ?? elapsed() } : s));
    else if (m.type === 'result') {
      clearTimeout(cancelTimer.current);
      // At least the worker's own time: a run the worker started before the page asked (speculative-run.ts) began
      // before this request.
      const ms = Math.max(elapsed(), m.ms);
      setState((s) => ({ ...s, status: 'done', fraction: 1, message: undefined, result: m.result, partial: undefined, error: undefined, ms, firstMs: s.firstMs ?? ms }));
    } else if (m.type === 'started') {
      setState((s) => (s.status === 'checking' ? { ...s, status: 'running' } : s));
    } else if (m.type === 'held') {
      setState((s) => ({ ...s, status: 'held', held: m.cost, fraction: 0, message: undefined, result: undefined, partial: undefined }));
    } else if (m.type === 'cancelled') {
      clearTimeout(cancelTimer.current);
      setState((s) => ({ ...s, status: 'cancelled', result: m.partial, partial: undefined, message: undefined }));
    } else if (m.type === 'error') {
      clearTimeout(cancelTimer.current);
      setState((s) => ({ ...s, status: 'error', error: m.error, result: undefined, partial: undefined }));
    }
  }, []);

  const worker = useWorker(onMessage);

  /** Runs what the query string says (the worker reads and validates it); with `maxSeconds`, only if its estimate is
   * at most that (else the state becomes 'held', with the estimate). */
  const run = useCallback(
    (query: string, maxSeconds?: number) => {
      if (current.current) worker.send({ type: 'cancel', id: current.current });
      clearTimeout(cancelTimer.current);
      const id = worker.nextId();
      current.current = id;
      startedAt.current = performance.now();
      setState((s) => ({ ...s, status: maxSeconds === undefined ? 'running' : 'checking', fraction: 0, message: undefined, error: undefined, partial: undefined, firstMs: undefined, runKey: undefined, held: undefined }));
      worker.send({ type: 'run', id, experimentId, query, ...(maxSeconds !== undefined ? { maxSeconds } : {}) });
    },
    [experimentId, worker],
  );

  const validate = useCallback(
    (texts: Map<string, string>, seedText: string) => {
      const id = worker.nextId();
      worker.send({ type: 'validate', id, experimentId, texts: [...texts], seedText });
      return id;
    },
    [experimentId, worker],
  );

  const cancel = useCallback(() => {
    const id = current.current;
    worker.send({ type: 'cancel', id });
    setState((s) => ({ ...s, status: 'cancelling' }));
    cancelTimer.current = setTimeout(() => {
      if (id !== current.current) return;
      worker.restart();
      current.current = worker.nextId();
      setState((s) => ({ ...s, status: 'cancelled', result: undefined, partial: undefined, message: 'stopped (the run did not answer the cancel in time)' }));
    }, CANCEL_GRACE_MS);
  }, [worker]);

  return { state, run, validate, cancel };
}
