// Entry point of the kernel thread in browsers (a module Web Worker started by a worker realm, kernel-thread-web-host.ts):
// its one message is the start (compiled module, shared memory, control block); it then serves the realm's calls
// (kernel-thread-loop.ts), blocking in Atomics.wait between them, and closes itself when told to stop.
import { serveKernelCalls } from './kernel-thread-loop.js';
import type { KernelThreadStart } from './kernel-thread-protocol.js';

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<KernelThreadStart>) => void) | null; close(): void };
scope.onmessage = (event) => {
  scope.onmessage = null;
  serveKernelCalls(event.data);
  scope.close();
};
