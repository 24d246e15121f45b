// Small statistics used by experiments: streaming moments, checks against closed forms, least-squares slopes.
import type { Check } from './api.js';

/** Welford's streaming mean and variance. */
export class RunningStats {
  n = 0;
  mean = 0;
  #m2 = 0;

  /** Adds one observation. */
  push(x: number): void {
    this.n++;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.#m2 += delta * (x - this.mean);
  }

  /** Unbiased sample variance. */
  get variance(): number {
    return this.n > 1 ? this.#m2 / (this.n - 1) : NaN;
  }

  /** Standard error of the mean. */
  get stderr(): number {
    return Math.sqrt(this.variance / this.n);
  }
}

/** Statistical check: pass ⇔ |measured − expected| ≤ zMax·stderr. */
export function zCheck(name: string, expected: number, measured: number, stderr: number, zMax = 5, note?: string): Check {
  const diff = measured - expected;
  const z = stderr > 0 ? diff / stderr : diff === 0 ? 0 : Infinity * Math.sign(diff);
  return {
    name,
    expected,
    measured,
    stderr,
    z: Number.isFinite(z) ? z : Math.sign(z) * Number.MAX_VALUE,
    zMax,
    pass: Math.abs(z) <= zMax,
    ...(note ? { note } : {}),
  };
}

/** Deterministic check: pass ⇔ |measured − expected| ≤ tolerance. */
export function exactCheck(name: string, expected: number, measured: number, tolerance = 0, note?: string): Check {
  return { name, expected, measured, tolerance, pass: Math.abs(measured - expected) <= tolerance, ...(note ? { note } : {}) };
}

/** Ordinary least squares y ≈ a + b·x with the slope's standard error (residual-based). */
export function linearFit(x: readonly number[], y: readonly number[]): { slope: number; intercept: number; slopeStderr: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i]! - intercept - slope * x[i]!) ** 2;
  const slopeStderr = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : NaN;
  return { slope, intercept, slopeStderr };
}

/** JSON has no NaN or ±Infinity: map them to null. */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
