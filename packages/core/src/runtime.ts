// One kernel instance per JS realm (main thread or worker). Node instantiates lazily and synchronously from the
// embedded bytes; browsers must `await init()` (they fetch and stream-compile the .wasm).
import { instantiateKernels, instantiateKernelsSync, MAX_MEMORY_BYTES, type KernelExports } from '@hw3/kernels';
import { compileKernels, compileKernelsSync } from '@hw3/kernels/source';
import { MemoryLimitError, NotInitializedError } from './errors.js';

let kernels: KernelExports | undefined;
let loading: Promise<KernelExports> | undefined;
/** Bytes handed out by `allocate` and not yet released. */
let liveBytes = 0;

/**
 * Loads the WebAssembly kernels (idempotent). Required once in browsers before any other call; optional in Node.
 * @example await init(); // browsers: before the first fillNormal/matvec/…
 * @throws Error (from fetch/compile) if the .wasm cannot be loaded; a later `init()` retries.
 */
export async function init(): Promise<void> {
  if (kernels) return;
  loading ??= compileKernels().then(instantiateKernels);
  try {
    kernels = await loading;
  } catch (error) {
    loading = undefined;
    throw error;
  }
}

/** True once the kernels are loaded in this realm (in Node, after `init()` or the first call that needs them). */
export function isReady(): boolean {
  return kernels !== undefined;
}

/** The raw kernels; in Node loads them on first use. @internal */
export function getKernels(): KernelExports {
  if (kernels) return kernels;
  try {
    kernels = instantiateKernelsSync(compileKernelsSync());
  } catch (error) {
    throw new NotInitializedError(error instanceof Error ? error.message : String(error));
  }
  return kernels;
}

// Slack for the allocator's own headers and alignment when the heap has to grow.
const GROWTH_SLACK = 1 << 20;

/**
 * Allocates `bytes` in WebAssembly memory, refusing up front (MemoryLimitError, nothing changed) any request that
 * could make the module grow past its maximum: inside the module that is a trap, and a trap mid-allocation would
 * leave the heap in an unknown state. @internal
 */
export function allocate(param: string, bytes: number): number {
  const k = getKernels();
  const committed = k.memoryBytes();
  if (bytes > MAX_MEMORY_BYTES || committed + bytes + GROWTH_SLACK > MAX_MEMORY_BYTES) {
    throw new MemoryLimitError(param, bytes, MAX_MEMORY_BYTES, committed);
  }
  const ptr = k.alloc(Math.max(bytes, 16));
  liveBytes += bytes;
  return ptr;
}

/** @internal */
export function release(ptr: number, bytes: number): void {
  getKernels().free(ptr);
  liveBytes -= bytes;
}

/**
 * Memory the kernels use now: committed linear memory (it only grows), bytes in live buffers (WasmArrays plus
 * `@hw3/core`'s own small internal slots), and the maximum (2 GiB).
 * @throws NotInitializedError in a browser before `await init()`.
 */
export function memoryUsage(): { committedBytes: number; liveBytes: number; maxBytes: number } {
  return { committedBytes: getKernels().memoryBytes(), liveBytes, maxBytes: MAX_MEMORY_BYTES };
}
