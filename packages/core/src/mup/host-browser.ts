// Web Workers for the training pool. The `new Worker(new URL(…, import.meta.url))` form is what bundlers recognise.
import type { WorkerHandle, WorkerHost } from './worker-handle.js';
import type { FromWorker } from './protocol.js';

export function browserHost(): WorkerHost {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return {
    cores: Math.max(1, nav?.hardwareConcurrency ?? 1),
    spawn(): WorkerHandle {
      const worker = new Worker(new URL('./worker-browser.js', import.meta.url), { type: 'module' });
      return {
        post: (m) => worker.postMessage(m),
        onMessage: (listener) => worker.addEventListener('message', (e: MessageEvent<FromWorker>) => listener(e.data)),
        onError: (listener) => worker.addEventListener('error', (e: ErrorEvent) => listener(new Error(e.message || 'worker failed'))),
        terminate: () => worker.terminate(),
      };
    },
  };
}
