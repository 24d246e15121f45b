// Shared helpers for the Spine's tests (kernels, PRNG, errors). Not a test file itself.
import { expect } from 'vitest';
import { erf } from 'mathjs';

/**
 * mulberry32: a tiny seeded generator for *test inputs* only, independent of the code under test (so a PRNG bug in
 * @hw3/core cannot hide by also shaping the inputs it is checked on).
 */
export function testRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A vector of `n` values uniform on [-1, 1) in the given precision. */
export function randomVector(dtype: 'f32' | 'f64', n: number, rand: () => number): Float32Array | Float64Array {
  const v = dtype === 'f32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 2 * rand() - 1;
  return v;
}

/** Exact bit equality (distinguishes −0 from +0 and compares NaN payloads). */
export function expectSameBits(actual: ArrayBufferView, expected: ArrayBufferView, what = 'array'): void {
  expect(actual.byteLength, `${what}: byte length`).toBe(expected.byteLength);
  const a = new Uint8Array(actual.buffer, actual.byteOffset, actual.byteLength);
  const b = new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      const size = (actual as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
      const k = Math.floor(i / size);
      const av = (actual as unknown as ArrayLike<number>)[k];
      const ev = (expected as unknown as ArrayLike<number>)[k];
      expect.fail(`${what}: element ${k} differs: got ${Object.is(av, -0) ? '-0' : av}, expected ${Object.is(ev, -0) ? '-0' : ev}`);
    }
  }
}

/** Standard normal CDF Φ(x) from mathjs's erf (W. J. Cody's rational approximations, ~1e-15 relative). */
export function normalCdf(x: number): number {
  return x < 0 ? 0.5 * (1 - erf(-x / Math.SQRT2)) : 0.5 * (1 + erf(x / Math.SQRT2));
}

/** 1 − Φ(x) for x ≥ 0. Absolute error ~1e-16, so relative error ≤ 1e-11 for x ≤ 5 (all the tail tests need). */
export function normalSurvival(x: number): number {
  return 0.5 * (1 - erf(x / Math.SQRT2));
}

/**
 * Critical value d such that P(√n·D_n > d) = alpha under the asymptotic Kolmogorov distribution
 * P(K > t) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²t²), solved by bisection.
 */
export function kolmogorovCritical(alpha: number): number {
  const tail = (t: number) => {
    let s = 0;
    for (let k = 1; k <= 100; k++) s += 2 * (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * t * t);
    return s;
  };
  let lo = 0.5;
  let hi = 5;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (tail(mid) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** KS statistic D_n = sup |F_n − F| of a sample (sorted in place) against a continuous CDF. */
export function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  sample.sort();
  const n = sample.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sample[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/**
 * Upper critical value of χ² with `df` degrees of freedom at level alpha, for even df, exactly:
 * P(χ² > x) = e^{−x/2} Σ_{k<df/2} (x/2)^k / k!, solved by bisection.
 */
export function chiSquareCriticalEvenDf(df: number, alpha: number): number {
  if (df % 2 !== 0) throw new Error('even df only');
  const survival = (x: number) => {
    let term = 1;
    let sum = 1;
    for (let k = 1; k < df / 2; k++) {
      term *= x / 2 / k;
      sum += term;
    }
    return Math.exp(-x / 2) * sum;
  };
  let lo = 0;
  let hi = 10 * df + 200;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (survival(mid) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Wilson–Hilferty approximation of the upper χ² critical value (good to ~1 % for df ≥ 30). z: the normal quantile. */
export function chiSquareCriticalWH(df: number, z: number): number {
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}
