// Gives kernels pointers for every argument: WasmArrays are used in place, and so are typed arrays that already view
// WebAssembly memory (a WasmArray's `view()` or a subarray of it: copying those would break when an allocation grows
// the memory and detaches them mid-call). Other typed arrays are copied into temporary WebAssembly buffers (inputs
// before the call, outputs after), which are always released.
import { InvalidArgumentError } from './errors.js';
import { allocate, getKernels, release } from './runtime.js';
import { pointerOf, WasmArray, type FloatInput } from './wasm-array.js';

export type StageMode = 'in' | 'out' | 'inout';
export interface StagedArg {
  param: string;
  value: FloatInput;
  mode: StageMode;
}

export function withStaged<R>(args: readonly StagedArg[], run: (pointers: number[]) => R): R {
  const memoryBuffer = getKernels().memory.buffer;
  const inPlace = (value: FloatInput) => value instanceof WasmArray || value.buffer === memoryBuffer;
  // Bytes [start, end) of each argument already in WebAssembly memory (checked before any allocation).
  const ranges = args.map(({ param, value }) => {
    if (!inPlace(value)) return undefined;
    const start = value instanceof WasmArray ? pointerOf(value, param) : value.byteOffset;
    return { start, end: start + value.byteLength };
  });
  // An array written by the kernel must not also be read by it under another name.
  args.forEach((a, i) => {
    const ra = ranges[i];
    if (a.mode === 'in' || !ra) return;
    args.forEach((b, j) => {
      const rb = ranges[j];
      if (j === i || !rb || rb.start >= ra.end || ra.start >= rb.end) return;
      const what = a.value === b.value ? `the same WasmArray as ${b.param}` : `memory overlapping ${b.param}`;
      throw new InvalidArgumentError(a.param, what, 'a separate array');
    });
  });
  const temporaries: { ptr: number; bytes: number }[] = [];
  try {
    // Allocate everything first: an allocation may grow memory and detach views made before it.
    const pointers = args.map(({ param, value }, i) => {
      if (ranges[i]) return ranges[i].start;
      const ptr = allocate(param, value.byteLength);
      temporaries.push({ ptr, bytes: value.byteLength });
      return ptr;
    });
    const { buffer } = getKernels().memory;
    args.forEach(({ value, mode }, i) => {
      if (ranges[i] || mode === 'out' || value instanceof WasmArray) return;
      new Uint8Array(buffer, pointers[i], value.byteLength).set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    });
    const result = run(pointers);
    const after = getKernels().memory.buffer;
    args.forEach(({ value, mode }, i) => {
      if (ranges[i] || mode === 'in' || value instanceof WasmArray) return;
      new Uint8Array(value.buffer, value.byteOffset, value.byteLength).set(new Uint8Array(after, pointers[i], value.byteLength));
    });
    return result;
  } finally {
    for (const { ptr, bytes } of temporaries) release(ptr, bytes);
  }
}
