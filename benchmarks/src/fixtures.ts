// Inputs for the suites: seeded random data, in WebAssembly memory (WasmArray) or in plain typed arrays.
// Filling writes every element, so every page is touched (first-touch faults happen here, not in the timed region).
import { createRng, fillNormal, WasmArray, type DType } from '@hw3/core';

export type Plain = Float32Array | Float64Array;

/** A WasmArray of N(0, 1) samples from `seed`. */
export function randomWasm(dtype: DType, length: number, seed: number): WasmArray {
  const array = new WasmArray(dtype, length);
  fillNormal(array, { rng: createRng(seed) });
  return array;
}

/** A plain typed array with the same values as `randomWasm(dtype, length, seed)`. */
export function randomPlain(dtype: DType, length: number, seed: number): Plain {
  const array = dtype === 'f32' ? new Float32Array(length) : new Float64Array(length);
  return fillNormal(array, { rng: createRng(seed) });
}

export function plainZeros(dtype: DType, length: number): Plain {
  return dtype === 'f32' ? new Float32Array(length) : new Float64Array(length);
}

export function bytesOf(dtype: DType): number {
  return dtype === 'f32' ? 4 : 8;
}

/** Frees WasmArrays (idempotent). */
export function freeAll(...arrays: WasmArray[]): void {
  for (const array of arrays) array.free();
}
