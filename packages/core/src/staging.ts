// Gives kernels pointers for every argument: WasmArrays are used in place, plain typed arrays are copied into
// temporary WebAssembly buffers (inputs before the call, outputs after) which are always released.
import type { FloatInput } from './api.js';
import { InvalidArgumentError } from './errors.js';
import { allocate, getKernels, release } from './runtime.js';
import { pointerOf, WasmArray } from './wasm-array.js';

export type StageMode = 'in' | 'out' | 'inout';
export interface StagedArg {
  param: string;
  value: FloatInput;
  mode: StageMode;
}

export function withStaged<R>(args: readonly StagedArg[], run: (pointers: number[]) => R): R {
  // A WasmArray written by the kernel must not also be read by it under another name.
  for (const a of args) {
    if (a.mode === 'in' || !(a.value instanceof WasmArray)) continue;
    for (const b of args) {
      if (b !== a && b.value === a.value) throw new InvalidArgumentError(a.param, `the same WasmArray as ${b.param}`, 'a separate array');
    }
  }
  const temporaries: { ptr: number; bytes: number }[] = [];
  try {
    // Allocate everything first: an allocation may grow memory and detach views made before it.
    const pointers = args.map(({ param, value }) => {
      if (value instanceof WasmArray) return pointerOf(value, param);
      const ptr = allocate(param, value.byteLength);
      temporaries.push({ ptr, bytes: value.byteLength });
      return ptr;
    });
    const { buffer } = getKernels().memory;
    args.forEach(({ value, mode }, i) => {
      if (value instanceof WasmArray || mode === 'out') return;
      new Uint8Array(buffer, pointers[i], value.byteLength).set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    });
    const result = run(pointers);
    const after = getKernels().memory.buffer;
    args.forEach(({ value, mode }, i) => {
      if (value instanceof WasmArray || mode === 'in') return;
      new Uint8Array(value.buffer, value.byteOffset, value.byteLength).set(new Uint8Array(after, pointers[i], value.byteLength));
    });
    return result;
  } finally {
    for (const { ptr, bytes } of temporaries) release(ptr, bytes);
  }
}
