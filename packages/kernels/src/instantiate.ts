// Plain WebAssembly instantiation. The module imports one function, AssemblyScript's `env.abort` (called when an
// allocation would pass the memory maximum); everything else is exported numbers and pointers, so no loader is needed.
import type { KernelExports } from './api.js';

/** An AssemblyScript string at `ptr` (UTF-16LE; its byte length sits in the 4 bytes before it), or '' for null. */
function readString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0]!;
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}

function imports(memory: () => WebAssembly.Memory, shared?: WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: {
      ...(shared ? { memory: shared } : {}),
      abort(messagePtr: number, filePtr: number, line: number, column: number): never {
        const m = memory();
        throw new Error(`hw3.wasm aborted: ${readString(m, messagePtr) || 'abort'} at ${readString(m, filePtr)}:${line}:${column}`);
      },
    },
  };
}

/** Synchronous instantiation (Node, workers): `module` compiled from the bytes of build/hw3.wasm. */
export function instantiateKernelsSync(module: WebAssembly.Module): KernelExports {
  let exports: KernelExports | undefined;
  const instance = new WebAssembly.Instance(module, imports(() => exports!.memory));
  exports = instance.exports as unknown as KernelExports;
  return exports;
}

/** Asynchronous instantiation (browsers). */
export async function instantiateKernels(module: WebAssembly.Module): Promise<KernelExports> {
  let exports: KernelExports | undefined;
  const instance = await WebAssembly.instantiate(module, imports(() => exports!.memory));
  exports = instance.exports as unknown as KernelExports;
  return exports;
}

/** Pages of the shared build's memory: the same initial size and maximum as hw3.wasm's own (asconfig.json). */
export const SHARED_MEMORY_PAGES = { initial: 2, maximum: 32768 } as const;

/** A memory for build/hw3-shared.wasm: shared (SharedArrayBuffer-backed), growable to the same 2 GiB maximum. */
export function createSharedMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ ...SHARED_MEMORY_PAGES, shared: true });
}

/**
 * Synchronous instantiation of build/hw3-shared.wasm on `memory` (one instance per thread, all on one memory). Only one
 * instance may allocate (`alloc`/`free`: the allocator's state lives in that instance); the others run kernels on
 * buffers it handed out.
 */
export function instantiateSharedKernelsSync(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(module, imports(() => memory, memory));
  return { ...(instance.exports as unknown as KernelExports), memory };
}
