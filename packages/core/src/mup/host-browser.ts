// Web Workers for the training pool. The `new Worker(new URL(…, import.meta.url))` form is what bundlers recognise, so
// each worker entry is spelled out where it is spawned; `webWorkerHost` wraps whichever entry a caller spawns.
import type { WorkerHandle, WorkerHost } from './worker-handle.js';
import type { FromWorker } from './protocol.js';
import type { TrainConfig, TrainResult } from './train.js';

/** Web Workers made by `spawn` (each a module worker running some pool entry), behind the pool's interface. */
export function webWorkerHost<C, R>(spawn: () => Worker): WorkerHost<C, R> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return {
    cores: Math.max(1, nav?.hardwareConcurrency ?? 1),
    spawn(): WorkerHandle<C, R> {
      const worker = spawn();
      return {
        post: (m) => worker.postMessage(m),
        onMessage: (listener) => worker.addEventListener('message', (e: MessageEvent<FromWorker<R>>) => listener(e.data)),
        onError: (listener) => worker.addEventListener('error', (e: ErrorEvent) => listener(new Error(e.message || 'worker failed'))),
        terminate: () => worker.terminate(),
      };
    },
  };
}

/** Web Workers that train MLP cells. */
export function browserHost(): WorkerHost<TrainConfig, TrainResult> {
  return webWorkerHost(() => new Worker(new URL('./worker-browser.js', import.meta.url), { type: 'module' }));
}
