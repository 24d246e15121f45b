/**
 * Types shared across `@hw3/core`.
 *
 * Memory contract: functions take plain typed arrays (copied into WebAssembly memory for the call and back out) or
 * `WasmArray`s (already in WebAssembly memory: zero-copy, the fast path for large or repeated work). Matrices are
 * dense row-major with no padding: W of shape (rows, cols) = (d₂, d₁) has element (r, c) at index r·cols + c.
 * Every argument is validated before any WebAssembly call; a rejected call changes nothing.
 */
/** Element type of float data: float32 or float64. */
export type DType = 'f32' | 'f64';
/** A float typed array in JS memory. */
export type FloatArray = Float32Array | Float64Array;
/** The typed array of a dtype: Float32Array for 'f32', Float64Array for 'f64'. */
export type ArrayOf<D extends DType> = D extends 'f32' ? Float32Array : Float64Array;

/** xoshiro256++ state: 8 × u32, the 4 × u64 words little-endian (word k = [2k] low | [2k+1] high). */
export type RngState = readonly number[] | Uint32Array;

/** Matrix shape: W is (rows, cols) = (d₂, d₁). */
export interface MatrixShape {
  rows: number;
  cols: number;
}
