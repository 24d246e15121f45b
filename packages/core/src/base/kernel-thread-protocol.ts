// The control block shared by this realm and its kernel thread (see kernel-threads.ts): i32 words, then f64 arguments.
// The realm writes the arguments and the op, then bumps `seq` (Atomics.store + notify); the worker runs the op and
// stores `seq` into `done`. Atomics order the plain writes before them, so each side sees the other's data.

/** Word indices (Int32Array) and byte layout of the control block. */
export const CONTROL = {
  /** Bumped by the realm for each call. */
  seq: 0,
  /** Set by the worker to the seq it finished. */
  done: 1,
  /** Index into THREAD_OPS. */
  op: 2,
  /** 0, or 1 when the worker's call threw (a trap). */
  status: 3,
  /** Set to 1 by the worker once its instance is ready, or to `startFailed` when it could not start. */
  ready: 4,
  startFailed: -1,
  argsOffset: 32,
  maxArgs: 16,
  bytes: 32 + 16 * 8,
} as const;

/** What the worker can be asked to run: kernel exports by name (their arguments are numbers), a batch of products, or stop. */
export const THREAD_OPS = ['stop', 'gemmF32Columns', 'matvecF32', 'matvecF64', 'adamF32', 'sgdF32', 'signgdF32', 'gemmF32Batch'] as const;
export type ThreadOp = (typeof THREAD_OPS)[number];

/** What the realm hands its kernel thread: the compiled shared build, the shared memory and the control block. */
export interface KernelThreadStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of the control block in `memory`. */
  control: number;
}

/** A started kernel thread, whatever the host (Node worker thread, Web Worker): its failures, and how to end it. */
export interface KernelThreadHandle {
  /** `listener` hears a failure of the thread (its script or instance). */
  onError(listener: (error: Error) => void): void;
  terminate(): unknown;
}
