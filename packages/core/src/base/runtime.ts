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

/**
 * Largest single buffer: the module's allocator (AssemblyScript's TLSF) hands out blocks below 1 GiB (2^30 bytes minus
 * its 4-byte header, rounded to 16-byte alignment); larger requests abort inside the module.
 */
export const MAX_BUFFER_BYTES = 2 ** 30 - 16;

/**
 * Allocates `bytes` in WebAssembly memory — the one path every buffer takes. Requests that can never fit (over
 * MAX_BUFFER_BYTES, or more than the 2 GiB maximum minus the live buffers) are refused before calling in. Others are
 * tried: the allocator reuses freed space first and grows the memory only when no free block is large enough; if the
 * memory cannot grow that far, the module traps in `memory.grow` before touching any allocator state (TLSF
 * `growMemory`), so the heap stays intact and the trap becomes a MemoryLimitError. Nothing is allocated on failure.
 * @internal
 */
export function allocate(param: string, bytes: number): number {
  const k = getKernels();
  if (!(bytes <= MAX_BUFFER_BYTES) || liveBytes + bytes > MAX_MEMORY_BYTES) throw memoryLimit(param, bytes);
  let ptr: number;
  try {
    ptr = k.alloc(Math.max(bytes, 16));
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError || (error instanceof Error && /allocation too large|out of memory/i.test(error.message))) {
      throw memoryLimit(param, bytes);
    }
    throw error;
  }
  liveBytes += bytes;
  return ptr;
}

function memoryLimit(param: string, bytes: number): MemoryLimitError {
  return new MemoryLimitError(param, bytes, { maxBytes: MAX_MEMORY_BYTES, maxBufferBytes: MAX_BUFFER_BYTES, liveBytes, committedBytes: getKernels().memoryBytes() });
}

/** @internal */
export function release(ptr: number, bytes: number): void {
  getKernels().free(ptr);
  liveBytes -= bytes;
}

/**
 * Memory the kernels use now: committed linear memory (it only grows), bytes in live buffers (WasmArrays plus
 * `@hw3/core`'s own small internal slots), the maximum (2 GiB) and the largest single buffer (just under 1 GiB).
 * @throws NotInitializedError in a browser before `await init()`.
 */
export function memoryUsage(): { committedBytes: number; liveBytes: number; maxBytes: number; maxBufferBytes: number } {
  return { committedBytes: getKernels().memoryBytes(), liveBytes, maxBytes: MAX_MEMORY_BYTES, maxBufferBytes: MAX_BUFFER_BYTES };
}
