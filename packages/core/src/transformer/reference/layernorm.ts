// LayerNorm over the last axis, reference (f32 or f64 by the output arrays' type; llm.c's layout and order).
//   x (rows × d), gain g (d), bias b (d) → y (rows × d), and per row mean (rows) and rstd = 1/√(var + ε) (rows).
// Sums run over j = 0 … d−1 in order with one rounding per operation; the kernel (assembly/transformer/layernorm.ts)
// does the same, so f32 results match bit for bit.
import { rounder, type Vec } from './matmul.js';

export const LAYERNORM_EPS = 1e-5;

/** y = (x − mean)·rstd·g + b per row; stores mean and rstd for the backward pass. */
export function layerNormForward(x: Vec, g: Vec, b: Vec, y: Vec, mean: Vec, rstd: Vec, rows: number, d: number): void {
  const round = rounder(y);
  const eps = round(LAYERNORM_EPS);
  const inv = round(1 / d);
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    let s = 0;
    for (let j = 0; j < d; j++) s = round(s + x[o + j]!);
    const m = round(s * inv);
    let sq = 0;
    for (let j = 0; j < d; j++) {
      const c = round(x[o + j]! - m);
      sq = round(sq + round(c * c));
    }
    const v = round(sq * inv);
    const rs = round(1 / round(Math.sqrt(round(v + eps))));
    for (let j = 0; j < d; j++) y[o + j] = round(round(round(round(x[o + j]! - m) * rs) * g[j]!) + b[j]!);
    mean[r] = m;
    rstd[r] = rs;
  }
}

/**
 * Backward: dx (rows × d) += rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) with dx̂ = dy·g; dg (d) += Σ_rows dy·x̂, db (d) += Σ_rows dy
 * (rows in order 0 … rows−1). Accumulates, because x is the residual stream, which already carries a gradient.
 */
export function layerNormBackward(dy: Vec, x: Vec, g: Vec, mean: Vec, rstd: Vec, dx: Vec, dg: Vec, db: Vec, rows: number, d: number): void {
  const round = rounder(dx);
  const inv = round(1 / d);
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    const m = mean[r]!;
    const rs = rstd[r]!;
    let s1 = 0;
    let s2 = 0;
    for (let j = 0; j < d; j++) {
      const xhat = round(round(x[o + j]! - m) * rs);
      const dxhat = round(dy[o + j]! * g[j]!);
      s1 = round(s1 + dxhat);
      s2 = round(s2 + round(dxhat * xhat));
    }
    const m1 = round(s1 * inv);
    const m2 = round(s2 * inv);
    for (let j = 0; j < d; j++) {
      const xhat = round(round(x[o + j]! - m) * rs);
      const dxhat = round(dy[o + j]! * g[j]!);
      dx[o + j] = round(dx[o + j]! + round(rs * round(round(dxhat - m1) - round(xhat * m2))));
      dg[j] = round(dg[j]! + round(dy[o + j]! * xhat));
      db[j] = round(db[j]! + dy[o + j]!);
    }
  }
}
