// Weighted least squares on log–log axes: ln m ≈ a + Σ bᵢ ln xᵢ, each point weighted by its Monte Carlo precision.
// By the delta method ln m̂ has standard error se/m, so the slopes' standard errors follow from (XᵀWX)⁻¹.
import { logDet } from '../libm/index.js';

/** One measurement for a log–log fit: the sizes and the measured value with its standard error. */
export interface LogLogPoint {
  /** The regressors (e.g. [d1] or [d1, d2]), all > 0. */
  x: readonly number[];
  /** The measured (or closed-form) mean, > 0. */
  mean: number;
  /** Its standard error, > 0 (it sets the weight). */
  stderr: number;
}

/** A weighted least-squares fit of log(value) on the log sizes: slopes with standard errors. */
export interface LogLogFit {
  intercept: number;
  slopes: number[];
  slopeStderrs: number[];
}

/** Inverts a small symmetric positive-definite matrix (Gauss–Jordan with partial pivoting). */
function invert(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    for (let j = 0; j < 2 * n; j++) m[col]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]!;
      for (let j = 0; j < 2 * n; j++) m[r]![j]! -= f * m[col]![j]!;
    }
  }
  return m.map((row) => row.slice(n));
}

/**
 * Fits ln(mean) = a + Σ bᵢ ln(xᵢ) by weighted least squares with weights (mean/stderr)². Needs more points than
 * regressors + 1 and some spread in every regressor; otherwise the slopes are NaN.
 */
export function logLogFit(points: readonly LogLogPoint[]): LogLogFit {
  const k = (points[0]?.x.length ?? 0) + 1;
  const xtwx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xtwy = new Array<number>(k).fill(0);
  for (const p of points) {
    const row = [1, ...p.x.map((x) => logDet(x))];
    const w = (p.mean / p.stderr) ** 2;
    const y = logDet(p.mean);
    for (let i = 0; i < k; i++) {
      xtwy[i]! += w * row[i]! * y;
      for (let j = 0; j < k; j++) xtwx[i]![j]! += w * row[i]! * row[j]!;
    }
  }
  if (points.length <= k - 1 || !points.every((p) => p.mean > 0 && p.stderr > 0)) {
    return { intercept: NaN, slopes: new Array<number>(k - 1).fill(NaN), slopeStderrs: new Array<number>(k - 1).fill(NaN) };
  }
  const cov = invert(xtwx);
  const beta = cov.map((row) => row.reduce((s, v, j) => s + v * xtwy[j]!, 0));
  return {
    intercept: beta[0]!,
    slopes: beta.slice(1),
    slopeStderrs: cov.slice(1).map((row, i) => Math.sqrt(row[i + 1]!)),
  };
}

/** The slopes the closed form predicts on the same grid with the same weights (so measured and expected slopes are
 * directly comparable even where the law is not yet a pure power). */
export function expectedLogLogSlopes(points: readonly LogLogPoint[], closedForm: (x: readonly number[]) => number): number[] {
  return logLogFit(points.map((p) => ({ x: p.x, mean: closedForm(p.x), stderr: (p.stderr / p.mean) * closedForm(p.x) }))).slopes;
}
