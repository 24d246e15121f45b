'use client';
// One experiment worker per page, created after mount and terminated on unmount. Replies are routed by runId, so a
// stale reply (from a run that was superseded or cancelled) can never overwrite a newer result.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { FromWorker, ToWorker } from './worker-protocol';

export interface WorkerHandle {
  send(message: ToWorker): void;
  /** Stops the worker hard (a run that ignores cancellation) and starts a fresh one. */
  restart(): void;
}

export function useWorker(onMessage: (message: FromWorker) => void): WorkerHandle {
  const worker = useRef<Worker | undefined>(undefined);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const queue = useRef<ToWorker[]>([]);

  const spawn = useCallback(() => {
    const w = new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module', name: 'hw3-experiments' });
    w.addEventListener('message', (event: MessageEvent<FromWorker>) => handler.current(event.data));
    w.addEventListener('error', (event) => {
      event.preventDefault();
      handler.current({ type: 'error', runId: -1, error: { name: 'WorkerError', message: event.message || 'the experiment worker failed to start' } });
    });
    worker.current = w;
    for (const m of queue.current.splice(0)) w.postMessage(m);
  }, []);

  useEffect(() => {
    spawn();
    return () => {
      worker.current?.terminate();
      worker.current = undefined;
    };
  }, [spawn]);

  const send = useCallback((message: ToWorker) => {
    if (worker.current) worker.current.postMessage(message);
    else queue.current.push(message);
  }, []);

  const restart = useCallback(() => {
    worker.current?.terminate();
    worker.current = undefined;
    spawn();
  }, [spawn]);

  return useMemo(() => ({ send, restart }), [send, restart]);
}
