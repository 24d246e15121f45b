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

const kernels = instantiateSharedKernelsSync(workerData.module, workerData.memory) as unknown as Record<string, (...args: number[]) => unknown> &
  KernelExports;
const control = new Int32Array(workerData.memory.buffer, workerData.control, CONTROL.bytes >> 2);
const args = new Float64Array(workerData.memory.buffer, workerData.control + CONTROL.argsOffset, CONTROL.maxArgs);

Atomics.store(control, CONTROL.ready, 1);
Atomics.notify(control, CONTROL.ready);

let seen = Atomics.load(control, CONTROL.seq);
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
