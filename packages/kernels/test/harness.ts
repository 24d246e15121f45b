// The raw module as core sees it (embedded bytes, plain instantiation), and small helpers to move typed arrays in and
// out of its memory and to report how far a kernel is from its oracle.
import { instantiateKernelsSync } from '../src/instantiate.js';
import { compileKernelsSync } from '../src/source/node.js';
import { prng } from '../src/js/index.js';

export const kernels = instantiateKernelsSync(compileKernelsSync());

type Typed = Float32Array | Float64Array | Uint32Array | Int32Array | Uint8Array;

/** Copies `a` into fresh WebAssembly memory; returns its pointer. */
export function put(a: Typed): number {
  const ptr = kernels.alloc(Math.max(16, a.byteLength));
  new Uint8Array(kernels.memory.buffer, ptr, a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return ptr;
}

/** A copy of `length` elements at `ptr` (read after the call: the memory may have grown). */
export function get<T extends Typed>(Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, ptr: number, length: number): T;
/** The same for a float type chosen at run time (f32 or f64). */
export function get(Type: Float32ArrayConstructor | Float64ArrayConstructor, ptr: number, length: number): Float32Array | Float64Array;
export function get(Type: { new (buffer: ArrayBuffer): Typed; BYTES_PER_ELEMENT: number }, ptr: number, length: number): Typed {
  return new Type(kernels.memory.buffer.slice(ptr, ptr + length * Type.BYTES_PER_ELEMENT));
}

/** A fixed xoshiro256++ state (any non-zero state works; this one is SplitMix64-like noise). */
export function seedState(seed: number): Uint32Array {
  const s = Uint32Array.from([0x9e3779b9, 0x7f4a7c15, 0xbf58476d, 0x1ce4e5b9, 0x94d049bb, 0x133111eb, 0xd6e8feb8, 0x6a09e667]);
  s[0] = s[0]! ^ seed;
  for (let i = 0; i < 16; i++) prng.nextU64(s);
  return s;
}

/** n uniform numbers on [lo, hi) from the oracle generator (test data, not under test). */
export function uniformData(n: number, seed: number, lo = -1, hi = 1): Float64Array {
  return prng.uniformF64(seedState(seed), new Float64Array(n), lo, hi);
}

/** Largest |a[i] − b[i]| (NaN when the lengths differ or either side holds a NaN the other does not). */
export function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return NaN;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) !== Number.isNaN(b[i]!)) return NaN;
    if (!Number.isNaN(a[i]!)) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  }
  return worst;
}

/** Prints and returns the largest difference between a kernel's output and its oracle's. */
export function compare(name: string, wasm: ArrayLike<number>, oracle: ArrayLike<number>): number {
  const d = largestDifference(wasm, oracle);
  console.info(`${name}: largest |WASM − oracle| = ${d} over ${oracle.length} values`);
  return d;
}
