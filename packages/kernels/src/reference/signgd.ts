// Plain-TypeScript SignGD updates with the kernels' exact arithmetic (f32 rounding via the array's own stores).
type Vec = Float32Array | Float64Array;

const sign = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);

/** W (rows × cols) ← W − lr·sign(g xᵀ). */
export function signgdOuter(W: Vec, g: Vec, x: Vec, rows: number, cols: number, lr: number): Vec {
  const round = W instanceof Float32Array ? Math.fround : (v: number) => v;
  const eta = round(lr);
  for (let r = 0; r < rows; r++) {
    const c = round(eta * sign(g[r]!));
    const base = r * cols;
    for (let j = 0; j < cols; j++) W[base + j] = W[base + j]! - round(c * sign(x[j]!));
  }
  return W;
}

/** W ← W − lr·sign(G), elementwise. */
export function signgd(W: Vec, G: Vec, lr: number): Vec {
  const round = W instanceof Float32Array ? Math.fround : (v: number) => v;
  const eta = round(lr);
  for (let j = 0; j < W.length; j++) W[j] = W[j]! - round(eta * sign(G[j]!));
  return W;
}
