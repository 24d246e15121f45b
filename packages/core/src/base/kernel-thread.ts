// Entry point of the kernel thread (a Node worker thread): instantiates build/hw3-shared.wasm on the realm's shared
// memory and runs the ops the realm posts in the control block until told to stop. It never allocates (the realm's
// instance owns the allocator). The package compiles without Node's types, so worker_threads is typed here.
import { instantiateSharedKernelsSync, type KernelExports } from '@hw3/kernels';
import { CONTROL, THREAD_OPS } from './kernel-thread-protocol.js';

interface WorkerData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
}
const proc = (globalThis as { process?: { getBuiltinModule(name: string): unknown } }).process!;
const { workerData } = proc.getBuiltinModule('node:worker_threads') as { workerData: WorkerData };

const control = new Int32Array(workerData.memory.buffer, workerData.control, CONTROL.bytes >> 2);
const args = new Float64Array(workerData.memory.buffer, workerData.control + CONTROL.argsOffset, CONTROL.maxArgs);
type Kernels = Record<string, (...args: number[]) => unknown> & KernelExports;
let kernels: Kernels;
try {
  kernels = instantiateSharedKernelsSync(workerData.module, workerData.memory) as unknown as Kernels;
} catch (error) {
  // The realm is blocked in Atomics.wait and cannot receive the worker's 'error' event: say it in the control block.
  Atomics.store(control, CONTROL.ready, CONTROL.startFailed);
  Atomics.notify(control, CONTROL.ready);
  throw error;
}

// Read the call counter before saying ready: the realm may post its first call the moment it sees `ready`, and a
// counter read after that would already include the call, which the loop below would then wait past forever.
let seen = Atomics.load(control, CONTROL.seq);
Atomics.store(control, CONTROL.ready, 1);
Atomics.notify(control, CONTROL.ready);

for (;;) {
  Atomics.wait(control, CONTROL.seq, seen);
  const seq = Atomics.load(control, CONTROL.seq);
  if (seq === seen) continue;
  seen = seq;
  const op = THREAD_OPS[control[CONTROL.op]!];
  if (op === undefined || op === 'stop') break;
  const fn = kernels[op]!;
  try {
    Reflect.apply(fn, undefined, Array.from(args.subarray(0, fn.length)));
  } catch {
    control[CONTROL.status] = 1;
  }
  Atomics.store(control, CONTROL.done, seq);
  Atomics.notify(control, CONTROL.done);
}
