// Starts the kernel thread as a Web Worker (browsers; loaded only there, by kernel-threads.ts). The
// `new Worker(new URL(…, import.meta.url))` form is what bundlers recognise, so the entry is spelled out here.
import type { KernelThreadHandle, KernelThreadStart } from './kernel-thread-protocol.js';

/** A module Web Worker running kernel-thread-web.ts, handed `start` as its one message. */
export function spawnWebKernelThread(start: KernelThreadStart): KernelThreadHandle {
  const worker = new Worker(new URL('./kernel-thread-web.js', import.meta.url), { type: 'module' });
  worker.postMessage(start);
  return {
    onError: (listener) => {
      worker.addEventListener('error', (e: ErrorEvent) => listener(new Error(e.message || 'the kernel thread’s script failed to load')));
      worker.addEventListener('messageerror', () => listener(new Error('the kernel thread could not receive the shared memory')));
    },
    terminate: () => worker.terminate(),
  };
}
