// Node worker threads for the training pool. Node modules are imported by computed names so that browser bundlers
// that follow this package never try to resolve them.
import type { WorkerHandle, WorkerHost } from './worker-handle.js';

interface NodeWorker {
  postMessage(m: unknown): void;
  on(event: 'message', l: (m: never) => void): void;
  on(event: 'error', l: (e: Error) => void): void;
  terminate(): Promise<number>;
}

const load = (name: string): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ name);

/** Worker threads running `entry` (default: this folder's worker, which trains MLP cells). */
export async function nodeHost<C, R>(entry: URL = new URL('./worker-node.js', import.meta.url)): Promise<WorkerHost<C, R>> {
  const { Worker } = (await load('node:worker_threads')) as { Worker: new (url: URL) => NodeWorker };
  const os = (await load('node:os')) as { availableParallelism?: () => number; cpus: () => unknown[] };
  const fs = (await load('node:fs')) as { existsSync(p: URL): boolean };
  let url = entry;
  // Run from sources (tests under vitest), the worker runs the built copy in dist/ (a worker cannot load .ts).
  if (!fs.existsSync(url) && /\/src\/[^/]+\/[^/]+$/.test(url.pathname)) url = new URL(url.href.replace(/\/src\/([^/]+\/[^/]+)$/, '/dist/$1'));
  return {
    cores: os.availableParallelism?.() ?? os.cpus().length,
    spawn(): WorkerHandle<C, R> {
      const worker = new Worker(url);
      return {
        post: (m) => worker.postMessage(m),
        onMessage: (listener) => worker.on('message', listener),
        onError: (listener) => worker.on('error', listener),
        terminate: () => void worker.terminate(),
      };
    },
  };
}
