'use client';
// One experiment worker per page, started early (see below), taken by the component that mounts first and terminated on
// unmount. Replies are routed by request id, so a stale reply (from a run that was superseded or cancelled) can never
// overwrite a newer result.
//
// A watchdog keeps the page usable whatever the worker is given: while a request is open, the worker says it is alive
// twice a second; if it says nothing for the deadline (a computation that never yields, e.g. a pathological formula),
// the worker is terminated and a fresh one started, and every open request ends with a WorkerTimeout error.
//
// The page's first worker may already be running when this component mounts: instrumentation-client.ts starts it (see
// early-worker.ts) before React hydrates the page, and the component takes it with everything it said so far.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { createWorker, takeEarlyWorker } from './early-worker';
import { isFinal, NO_REQUEST, type FromWorker, type ToWorker } from './worker-protocol';


export interface WorkerHandle {
  send(message: ToWorker): void;
  /** A request id unique on this page. */
  nextId(): number;
  /** Stops the worker hard (a run that ignores cancellation) and starts a fresh one. */
  restart(): void;
}

/** Silence allowed while a request is open. Slow machines or tests can set localStorage 'hw3.worker-deadline-ms'. */
const DEFAULT_DEADLINE_MS = 10_000;
export const DEADLINE_STORAGE_KEY = 'hw3.worker-deadline-ms';

function deadlineMs(): number {
  try {
    const v = Number(window.localStorage.getItem(DEADLINE_STORAGE_KEY));
    return Number.isFinite(v) && v >= 100 ? v : DEFAULT_DEADLINE_MS;
  } catch {
    return DEFAULT_DEADLINE_MS;
  }
}

export function useWorker(onMessage: (message: FromWorker) => void): WorkerHandle {
  const worker = useRef<Worker | undefined>(undefined);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const queue = useRef<ToWorker[]>([]);
  const ids = useRef(0);
  const open = useRef(new Set<number>());
  // The clock starts at the worker's first message: before it, the worker's code is still downloading (slow network is
  // not a hang).
  const lastHeard = useRef<number | undefined>(undefined);

  const spawn = useCallback(() => {
    const adopted = takeEarlyWorker();
    const w = adopted?.worker ?? createWorker();
    const onMessage = (event: MessageEvent<FromWorker>) => {
      if (worker.current !== w) return;
      lastHeard.current = performance.now();
      if (isFinal(event.data)) open.current.delete(event.data.id);
      handler.current(event.data);
    };
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      if (worker.current !== w) return;
      handler.current({ type: 'error', id: NO_REQUEST, error: { name: 'WorkerError', message: event.message || 'the experiment worker failed to start' } });
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    worker.current = w;
    lastHeard.current = undefined;
    // What the early worker said before this component mounted (its 'ready', or a failed start) is delivered now.
    for (const event of adopted?.heard ?? []) onMessage(event as MessageEvent<FromWorker>);
    for (const event of adopted?.failed ?? []) onError(event);
    for (const m of queue.current.splice(0)) w.postMessage(m);
  }, []);

  const restart = useCallback(() => {
    worker.current?.terminate();
    worker.current = undefined;
    open.current.clear();
    spawn();
  }, [spawn]);

  useEffect(() => {
    spawn();
    const deadline = deadlineMs();
    const watchdog = setInterval(() => {
      const heard = lastHeard.current;
      if (open.current.size === 0 || heard === undefined || performance.now() - heard <= deadline) return;
      const stuck = [...open.current];
      restart();
      const message = `the experiment worker did not answer for ${deadline / 1000} s (a computation that never yields), so it was stopped and restarted`;
      for (const id of stuck) handler.current({ type: 'error', id, error: { name: 'WorkerTimeout', message } });
    }, 250);
    return () => {
      clearInterval(watchdog);
      worker.current?.terminate();
      worker.current = undefined;
    };
  }, [spawn, restart]);

  const send = useCallback((message: ToWorker) => {
    if (message.type !== 'cancel') {
      // An idle worker owes no heartbeat: the silence counts from the first open request.
      if (open.current.size === 0 && lastHeard.current !== undefined) lastHeard.current = performance.now();
      open.current.add(message.id);
    }
    if (worker.current) worker.current.postMessage(message);
    else queue.current.push(message);
  }, []);

  const nextId = useCallback(() => ++ids.current, []);

  return useMemo(() => ({ send, nextId, restart }), [send, nextId, restart]);
}
