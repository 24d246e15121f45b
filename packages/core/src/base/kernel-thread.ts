// Entry point of the kernel thread in Node (a worker thread): serves the realm's calls (kernel-thread-loop.ts). The
// package compiles without Node's types, so worker_threads is typed here.
import { serveKernelCalls } from './kernel-thread-loop.js';
import type { KernelThreadStart } from './kernel-thread-protocol.js';

const proc = (globalThis as { process?: { getBuiltinModule(name: string): unknown } }).process!;
const { workerData } = proc.getBuiltinModule('node:worker_threads') as { workerData: KernelThreadStart };
serveKernelCalls(workerData);
