// Spectral norms by power iteration on the WebAssembly matrix–vector kernels, and the alignment ratio of an update.
import type { FloatInput } from '../base/wasm-array.js';
import { matvec, matvecTransposed } from '../base/matvec.js';
import type { Rng } from '../base/rng.js';

const norm = (v: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
};

/**
 * ‖W‖_* (largest singular value) of W (rows × cols) by `iterations` steps of power iteration on WᵀW from a seeded
 * Gaussian start. The estimate ‖W v‖ rises towards ‖W‖_* from below.
 */
export function spectralNorm(W: FloatInput, rows: number, cols: number, rng: Rng, iterations = 40): number {
  const f32 = W instanceof Float32Array || ('dtype' in W && W.dtype === 'f32');
  let v: Float32Array | Float64Array = f32 ? new Float32Array(cols) : new Float64Array(cols);
  for (let i = 0; i < cols; i++) v[i] = rng.normal();
  let sigma = 0;
  const shape = { rows, cols };
  for (let it = 0; it < iterations; it++) {
    const nv = norm(v);
    if (nv === 0) return 0;
    for (let i = 0; i < cols; i++) v[i] = v[i]! / nv;
    const u = matvec(W, v, shape) as Float32Array | Float64Array;
    sigma = norm(u);
    if (sigma === 0) return 0;
    v = matvecTransposed(W, u, shape) as Float32Array | Float64Array;
  }
  return sigma;
}

/** ‖ΔW h‖ / (‖ΔW‖_* ‖h‖): 1 when h is ΔW's top right singular direction (a rank-one update built from h). */
export function alignmentRatio(dW: FloatInput, rows: number, cols: number, h: Float32Array, dWNorm: number): number {
  const out = matvec(dW, h, { rows, cols }) as Float32Array | Float64Array;
  return norm(out) / (dWNorm * norm(h));
}

/** Root mean square of the entries. */
export function rms(v: ArrayLike<number>): number {
  return norm(v) / Math.sqrt(v.length);
}
