// The kernel thread's side of the protocol (kernel-thread-protocol.ts), whatever started the thread: instantiates
// build/hw3-shared.wasm on the realm's shared memory and runs the ops the realm posts in the control block until told
// to stop. It never allocates (the realm's instance owns the allocator). Entries: kernel-thread.ts (a Node worker
// thread) and kernel-thread-web.ts (a Web Worker).
import { instantiateSharedKernelsSync, type KernelExports } from '@hw3/kernels';
import { GEMM_BATCH_ARGS, gemmF32Batch } from './gemm-batch.js';
import { CONTROL, THREAD_OPS, type KernelThreadStart } from './kernel-thread-protocol.js';

type Kernels = Record<string, (...args: number[]) => unknown> & KernelExports;

/** Serves the realm's calls until it posts `stop` (then returns). Throws only when the instance cannot be made. */
export function serveKernelCalls(start: KernelThreadStart): void {
  const control = new Int32Array(start.memory.buffer, start.control, CONTROL.bytes >> 2);
  const args = new Float64Array(start.memory.buffer, start.control + CONTROL.argsOffset, CONTROL.maxArgs);
  let kernels: Kernels;
  try {
    kernels = instantiateSharedKernelsSync(start.module, start.memory) as unknown as Kernels;
  } catch (error) {
    // The realm may be blocked in Atomics.wait and unable to receive the thread's error event: say it in the block.
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
    if (op === undefined || op === 'stop') return;
    try {
      if (op === 'gemmF32Batch') Reflect.apply(gemmF32Batch, undefined, [kernels, ...args.subarray(0, GEMM_BATCH_ARGS)]);
      else Reflect.apply(kernels[op]!, undefined, Array.from(args.subarray(0, kernels[op]!.length)));
    } catch {
      control[CONTROL.status] = 1;
    }
    Atomics.store(control, CONTROL.done, seq);
    Atomics.notify(control, CONTROL.done);
  }
}
