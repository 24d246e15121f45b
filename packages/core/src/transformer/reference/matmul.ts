// Plain-TypeScript matrix product with the WebAssembly gemmF32's exact arithmetic: each C element summed over k in
// order 0 … k−1, one rounding per multiply and per add, then × alpha (Math.fround when C is a Float32Array), so a
// Float32Array product matches the kernel bit for bit; Float64Array gives an ordinary f64 product (the oracle of the
// finite-difference checks). Offsets let one call work on a block (one head, one sequence) of a larger buffer.
export type Vec = Float32Array | Float64Array;

/** Identity for f64 buffers, Math.fround for f32 ones: the rounding every reference op applies after each operation. */
export const rounder = (v: Vec): ((x: number) => number) => (v instanceof Float32Array ? Math.fround : (x: number) => x);

export interface MatmulOptions {
  /** A is stored (k × m) instead of (m × k). */
  transA?: boolean;
  /** B is stored (n × k) instead of (k × n). */
  transB?: boolean;
  alpha?: number;
  /** Add to the old C instead of overwriting it. */
  accumulate?: boolean;
  aOffset?: number;
  bOffset?: number;
  cOffset?: number;
}

/** C (m × n) ← alpha·op(A)·op(B) (+ C). */
export function matmul(A: Vec, B: Vec, C: Vec, m: number, n: number, k: number, o: MatmulOptions = {}): void {
  const round = rounder(C);
  const { transA = false, transB = false, accumulate = false, aOffset = 0, bOffset = 0, cOffset = 0 } = o;
  const alpha = round(o.alpha ?? 1);
  const aStep = transA ? m : 1;
  const bStep = transB ? 1 : n;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let ai = aOffset + (transA ? i : i * k);
      let bj = bOffset + (transB ? j * k : j);
      for (let kk = 0; kk < k; kk++) {
        s = round(s + round(A[ai]! * B[bj]!));
        ai += aStep;
        bj += bStep;
      }
      const v = round(s * alpha);
      const c = cOffset + i * n + j;
      C[c] = accumulate ? round(C[c]! + v) : v;
    }
  }
}

/** y (n) ← x + y elementwise (the residual stream's adds), one rounding each. */
export function addInPlace(y: Vec, x: Vec, n: number): void {
  const round = rounder(y);
  for (let i = 0; i < n; i++) y[i] = round(y[i]! + x[i]!);
}
