// The largest singular value of a matrix by Lanczos on WᵀW, run until its Ritz value is certified: power iteration
// converges too slowly at the edge of a random matrix's spectrum (its top gap shrinks like n^{-2/3}) to trust 40 steps.
import type { FloatInput } from '../base/wasm-array.js';
import { InvalidArgumentError } from '../base/errors.js';
import { matvec, matvecTransposed } from '../base/matvec.js';
import type { Rng } from '../base/rng.js';
import { WasmArray } from '../base/wasm-array.js';

export interface TopSingularValue {
  /** ‖W‖_* estimate: √θ for the top Ritz value θ of WᵀW (never above the true value, up to rounding). */
  sigma: number;
  /** Residual bound ‖WᵀW y − θy‖ = β_k|s_k| of the top Ritz pair: some eigenvalue of WᵀW lies within it of θ. */
  residual: number;
  /** Lanczos steps taken. */
  steps: number;
}

export interface LanczosOptions {
  /** Stop when residual ≤ tolerance·θ (relative, on σ²; on σ it is about half that). Default 1e-5 for float32 (the
   * products themselves are rounded at about 1e-7·√cols), 1e-10 for float64. */
  tolerance?: number;
  /** At most this many steps (also capped by cols). Default 400. */
  maxSteps?: number;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * ‖W‖_* of W (rows × cols, row-major) by Lanczos on WᵀW with full reorthogonalisation, from a seeded Gaussian start.
 * Each step is one W·v and one Wᵀ·u on the WebAssembly kernels (W is staged into WebAssembly memory once). Stops when
 * the top Ritz pair's residual bound is below `tolerance`·θ: θ then lies within that relative distance of an eigenvalue
 * of WᵀW, and since Lanczos' top Ritz value rises monotonically towards λ_max from a random start, of λ_max.
 * @throws InvalidArgumentError for bad rows/cols, tolerance or maxSteps.
 */
export function topSingularValue(W: FloatInput, rows: number, cols: number, rng: Rng, options: LanczosOptions = {}): TopSingularValue {
  const f32 = W instanceof Float32Array || ('dtype' in W && W.dtype === 'f32');
  const tolerance = options.tolerance ?? (f32 ? 1e-5 : 1e-10);
  const maxSteps = Math.min(options.maxSteps ?? 400, cols);
  if (!(Number.isInteger(rows) && rows > 0)) throw new InvalidArgumentError('rows', rows, 'a positive integer');
  if (!(Number.isInteger(cols) && cols > 0)) throw new InvalidArgumentError('cols', cols, 'a positive integer');
  if (!(tolerance > 0 && tolerance < 1)) throw new InvalidArgumentError('tolerance', tolerance, 'a number in (0, 1)');
  if (!(maxSteps >= 1)) throw new InvalidArgumentError('maxSteps', options.maxSteps, 'a positive integer');
  const dtype = f32 ? 'f32' : 'f64';
  const staged = W instanceof WasmArray ? undefined : WasmArray.from(dtype, W as ArrayLike<number>);
  const matrix = staged ?? (W as WasmArray);
  const shape = { rows, cols };
  const apply = (v: Float64Array): Float64Array => {
    const x = f32 ? Float32Array.from(v) : v;
    const u = matvec(matrix, x, shape);
    return Float64Array.from(matvecTransposed(matrix, u, shape));
  };
  try {
    const basis: Float64Array[] = [];
    const alpha: number[] = [];
    const beta: number[] = [];
    let v: Float64Array = new Float64Array(cols);
    for (let i = 0; i < cols; i++) v[i] = rng.normal();
    let best: TopSingularValue = { sigma: 0, residual: Infinity, steps: 0 };
    for (let k = 0; k < maxSteps; k++) {
      const nv = Math.sqrt(dot(v, v));
      if (nv === 0) break;
      for (let i = 0; i < cols; i++) v[i] = v[i]! / nv;
      basis.push(v);
      const w = apply(v);
      const a = dot(w, v);
      alpha.push(a);
      // Full reorthogonalisation (twice is enough): the basis is at most a few hundred vectors at these sizes.
      for (let pass = 0; pass < 2; pass++)
        for (const q of basis) {
          const c = dot(w, q);
          for (let i = 0; i < cols; i++) w[i] = w[i]! - c * q[i]!;
        }
      const b = Math.sqrt(dot(w, w));
      const top = topRitz(alpha, beta);
      const residual = b * Math.abs(top.last);
      best = { sigma: Math.sqrt(Math.max(0, top.value)), residual, steps: k + 1 };
      if (residual <= tolerance * top.value || b <= tolerance * Math.max(top.value, Number.MIN_VALUE)) break;
      beta.push(b);
      v = w;
    }
    return best;
  } finally {
    staged?.free();
  }
}

/**
 * Largest eigenvalue of the Lanczos tridiagonal (diagonal alpha, off-diagonal beta) by Sturm-sequence bisection, and
 * the last entry of its unit eigenvector by inverse iteration. Written out because mathjs's dense `eigs` costs
 * seconds per call at k = 60, and it is called every step; this is O(k) per bisection step and uses only + − × ÷.
 */
function topRitz(alpha: number[], beta: number[]): { value: number; last: number } {
  const k = alpha.length;
  if (k === 1) return { value: alpha[0]!, last: 1 };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1]!) : 0) + (i < k - 1 ? Math.abs(beta[i]!) : 0);
    lo = Math.min(lo, alpha[i]! - r);
    hi = Math.max(hi, alpha[i]! + r);
  }
  // Number of eigenvalues below x (Sturm count of the LDLᵀ pivots of T − xI).
  const below = (x: number) => {
    let count = 0;
    let q = 1;
    for (let i = 0; i < k; i++) {
      q = alpha[i]! - x - (i > 0 ? (beta[i - 1]! * beta[i - 1]!) / q : 0);
      if (q === 0) q = Number.MIN_VALUE;
      if (q < 0) count++;
    }
    return count;
  };
  for (let it = 0; it < 200 && hi - lo > 4 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi)); it++) {
    const mid = (lo + hi) / 2;
    if (below(mid) === k) hi = mid;
    else lo = mid;
  }
  // Inverse iteration with a shift just above λ_max: −(T − σI) is positive definite, so the tridiagonal solve is stable.
  const shift = hi + 8 * Number.EPSILON * Math.max(1, Math.abs(hi));
  let z = new Float64Array(k).fill(1);
  for (let pass = 0; pass < 3; pass++) {
    const d = new Float64Array(k);
    const y = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const off = i > 0 ? beta[i - 1]! : 0;
      d[i] = alpha[i]! - shift - (i > 0 ? (off * off) / d[i - 1]! : 0);
      y[i] = z[i]! - (i > 0 ? (off * y[i - 1]!) / d[i - 1]! : 0);
    }
    const next = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) next[i] = (y[i]! - (i < k - 1 ? beta[i]! * next[i + 1]! : 0)) / d[i]!;
    let n = 0;
    for (let i = 0; i < k; i++) n += next[i]! * next[i]!;
    n = Math.sqrt(n);
    for (let i = 0; i < k; i++) next[i] = next[i]! / n;
    z = next;
  }
  return { value: (lo + hi) / 2, last: z[k - 1]! };
}
