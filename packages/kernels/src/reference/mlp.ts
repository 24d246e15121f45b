// Plain-TypeScript MLP pieces with the kernels' arithmetic (see assembly/mlp.ts). Float32Array → f32 rounding.
import { gemm } from './gemm.js';
type Vec = Float32Array | Float64Array;

const rounder = (v: Vec) => (v instanceof Float32Array ? Math.fround : (x: number) => x);

/** Z (rows × cols) ← Z + b per row, then max(·, 0) when relu. */
export function biasAct(Z: Vec, b: Vec, rows: number, cols: number, relu: boolean): Vec {
  const round = rounder(Z);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const v = round(Z[r * cols + j]! + b[j]!);
      // biome-ignore lint/complexity/useMathMinMax: NaN maps to 0 here, as in the kernel (Math.max would keep NaN).
      Z[r * cols + j] = relu ? (0 < v ? v : 0) : v;
    }
  }
  return Z;
}

/** D ← D where H > 0, else 0. */
export function reluBackward(D: Vec, H: Vec): Vec {
  for (let j = 0; j < D.length; j++) if (!(H[j]! > 0)) D[j] = 0;
  return D;
}

/** out (cols) ← column sums of A (rows × cols), rows in order. */
export function colSum(A: Vec, out: Vec, rows: number, cols: number): Vec {
  const round = rounder(out);
  out.fill(0);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[j] = round(out[j]! + A[r * cols + j]!);
  return out;
}

/** dlogits ← (softmax − onehot)·gradScale per row; returns the mean cross-entropy. Max-shifted, f64 inside. */
export function softmaxXent(logits: Vec, labels: ArrayLike<number>, D: Vec, rows: number, cols: number, gradScale: number): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let mx = -Infinity;
    for (let j = 0; j < cols; j++) mx = Math.max(mx, logits[r * cols + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(logits[r * cols + j]! - mx);
    const label = labels[r]!;
    total += Math.log(sum) - (logits[r * cols + label]! - mx);
    for (let j = 0; j < cols; j++) {
      const p = Math.exp(logits[r * cols + j]! - mx) / sum;
      D[r * cols + j] = (p - (j === label ? 1 : 0)) * gradScale;
    }
  }
  return total / rows;
}

/** Weights of input → width → width → classes; W (fan_out × fan_in) row-major. */
export interface MlpTensors {
  W1: Vec;
  b1: Vec;
  W2: Vec;
  b2: Vec;
  W3: Vec;
  b3: Vec;
}

export interface MlpDims {
  inputDim: number;
  width: number;
  classes: number;
  /** Forward multipliers of the three products (default 1). */
  multipliers?: [number, number, number];
}

/**
 * Mean cross-entropy of the MLP on X (rows × inputDim) and, when `grads` is given, its gradient in every tensor —
 * the same sequence of operations as @hw3/core's engine, so Float32Arrays reproduce its float32 arithmetic and
 * Float64Arrays give an f64 reference for finite-difference checks.
 */
export function mlpLossAndGrads(p: MlpTensors, d: MlpDims, X: Vec, labels: ArrayLike<number>, rows: number, grads?: MlpTensors): number {
  const { inputDim: din, width: w, classes: c } = d;
  const [m1, m2, m3] = d.multipliers ?? [1, 1, 1];
  const make = (n: number) => (X instanceof Float32Array ? new Float32Array(n) : new Float64Array(n));
  const h1 = make(rows * w);
  const h2 = make(rows * w);
  const logits = make(rows * c);
  const dl = make(rows * c);
  gemm(X, p.W1, h1, rows, w, din, { transB: true, alpha: m1 });
  biasAct(h1, p.b1, rows, w, true);
  gemm(h1, p.W2, h2, rows, w, w, { transB: true, alpha: m2 });
  biasAct(h2, p.b2, rows, w, true);
  gemm(h2, p.W3, logits, rows, c, w, { transB: true, alpha: m3 });
  biasAct(logits, p.b3, rows, c, false);
  const loss = softmaxXent(logits, labels, dl, rows, c, 1 / rows);
  if (!grads) return loss;
  const d2 = make(rows * w);
  const d1 = make(rows * w);
  colSum(dl, grads.b3, rows, c);
  gemm(dl, h2, grads.W3, c, w, rows, { transA: true, alpha: m3 });
  gemm(dl, p.W3, d2, rows, w, c, { alpha: m3 });
  reluBackward(d2, h2);
  colSum(d2, grads.b2, rows, w);
  gemm(d2, h1, grads.W2, w, w, rows, { transA: true, alpha: m2 });
  gemm(d2, p.W2, d1, rows, w, w, { alpha: m2 });
  reluBackward(d1, h1);
  colSum(d1, grads.b1, rows, w);
  gemm(d1, X, grads.W1, w, din, rows, { transA: true, alpha: m1 });
  return loss;
}
