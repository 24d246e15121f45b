// Thresholds for many statistical checks at once: normal and Student-t tail quantiles, and the Šidák correction that
// keeps the family-wise false-alarm rate of a whole grid of checks at α.
import { expDet, expm1Det, log1pDet, logDet, sinDet } from '../libm/index.js';

/** The family-wise false-alarm rate used by the experiments' checks and the claim checker: one run in 1000. */
export const FAMILY_ALPHA = 1e-3;

/** z of a two-sided 95 % confidence interval (the error bands drawn in figures): Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

/** Upper-tail quantile of N(0, 1): z with P(Z > z) = p, for 0 < p < 1 (Acklam's rational approximation, refined by
 * one Halley step on `erfc`, whose relative error ≈ 1.2e-7 bounds the result: absolute error ≤ 1.04e-7 over
 * p = 1e-15 … 0.999, e.g. 6.7e-8 at p = 0.3; measured against mpmath in test/significance-reference.test.ts). */
export function normalUpperQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p <= 0 ? Infinity : -Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  // x is the lower-tail quantile of q = 1 − p; by symmetry the answer is −x(p).
  const q = p; // lower-tail probability of −z
  let x: number;
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * logDet(q));
    x = (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) / ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
  } else if (q > 1 - 0.02425) {
    const r = Math.sqrt(-2 * logDet(1 - q));
    x = -(((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) / ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
  } else {
    const r = q - 0.5;
    const s = r * r;
    x = ((((((a[0]! * s + a[1]!) * s + a[2]!) * s + a[3]!) * s + a[4]!) * s + a[5]!) * r) / (((((b[0]! * s + b[1]!) * s + b[2]!) * s + b[3]!) * s + b[4]!) * s + 1);
  }
  // Halley refinement on the lower tail Φ(x) = q.
  const e = 0.5 * erfc(-x / Math.SQRT2) - q;
  const u = e * Math.sqrt(2 * Math.PI) * expDet((x * x) / 2);
  x = x - u / (1 + (x * u) / 2);
  return -x;
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7, refined enough for
 * thresholds). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    expDet(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return logDet(Math.PI / Math.abs(sinDet(Math.PI * x))) - logGamma(1 - x);
  const xx = x - 1;
  let a = g[0]!;
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (xx + i);
  return 0.5 * logDet(2 * Math.PI) + (xx + 0.5) * logDet(t) - t + logDet(a);
}

// Continued fraction for the regularized incomplete beta (modified Lentz).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = expDet(logGamma(a + b) - logGamma(a) - logGamma(b) + a * logDet(x) + b * logDet(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T > t) for Student's t with `dof` degrees of freedom, t ≥ 0. */
export function studentUpperTail(t: number, dof: number): number {
  return 0.5 * incompleteBeta(dof / (dof + t * t), dof / 2, 0.5);
}

/** Upper-tail quantile of Student's t: t with P(T > t) = p (normal beyond 10⁶ degrees of freedom). */
export function studentUpperQuantile(p: number, dof: number): number {
  if (!(dof >= 1) || dof > 1e6) return normalUpperQuantile(p);
  if (!(p > 0 && p < 0.5)) return p >= 0.5 ? 0 : Infinity;
  // Bisection on log t: the tail is monotone; 100 halvings of [1e-3, 1e12] are far below any useful precision.
  let lo = logDet(1e-3);
  let hi = logDet(1e12);
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (studentUpperTail(expDet(mid), dof) > p) lo = mid;
    else hi = mid;
  }
  return expDet((lo + hi) / 2);
}

/** Šidák: the per-check two-sided level that gives family-wise level `alpha` over `m` independent checks. */
export function sidakLevel(alpha: number, m: number): number {
  return -expm1Det(log1pDet(-alpha) / Math.max(1, m));
}

/** |z| (or |t|) threshold for one of `m` two-sided checks at family-wise level `alpha`; `dof` = trials − 1 when the
 * standard error was estimated from the same samples (Infinity: known or large-sample). */
export function familyThreshold(m: number, dof = Infinity, alpha = FAMILY_ALPHA): number {
  const perCheck = sidakLevel(alpha, m);
  return Number.isFinite(dof) ? studentUpperQuantile(perCheck / 2, dof) : normalUpperQuantile(perCheck / 2);
}
