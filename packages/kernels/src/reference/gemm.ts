// Plain-TypeScript matrix product with the kernel's exact arithmetic: each C element summed over k in order, one
// rounding per multiply and per add (Math.fround for Float32Array outputs), so f32 results match gemmF32 bit for bit.
// With Float64Array inputs it is an ordinary f64 product (used for finite-difference gradient checks).
type Vec = Float32Array | Float64Array;

export interface GemmOptions {
  /** A is stored (k × m) instead of (m × k). */
  transA?: boolean;
  /** B is stored (n × k) instead of (k × n). */
  transB?: boolean;
  alpha?: number;
  /** Add to the old C instead of overwriting it. */
  accumulate?: boolean;
}

/** C (m × n) ← alpha·op(A)·op(B) (+ C). */
export function gemm(A: Vec, B: Vec, C: Vec, m: number, n: number, k: number, options: GemmOptions = {}): Vec {
  const round = C instanceof Float32Array ? Math.fround : (v: number) => v;
  const { transA = false, transB = false, accumulate = false } = options;
  const alpha = round(options.alpha ?? 1);
  // Strides of op(A) along k and of op(B) along k, so the inner loop has no branches.
  const aStep = transA ? m : 1;
  const bStep = transB ? 1 : n;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let ai = transA ? i : i * k;
      let bj = transB ? j * k : j;
      for (let kk = 0; kk < k; kk++) {
        s = round(s + round(A[ai]! * B[bj]!));
        ai += aStep;
        bj += bStep;
      }
      const v = round(s * alpha);
      C[i * n + j] = accumulate ? round(C[i * n + j]! + v) : v;
    }
  }
  return C;
}
