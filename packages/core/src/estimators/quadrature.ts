// Quadrature rules for exact expectations: composite Gauss–Legendre, with the densities the estimators need folded
// into the weights (N(0, 1), Rayleigh(1), double-sided Maxwell, uniform, exponential). Smooth integrands over
// [−12, 12] in panels of 1/4 are exact to ~1e−13; what the Gaussian weight leaves beyond ±12 is e⁻⁷² ≈ 1e−31.
import { cosDet, expDet } from '../libm/index.js';

/** Nodes and weights; Σ w = 1 for a probability density. */
export interface Rule {
  x: Float64Array;
  w: Float64Array;
}

/** n-point Gauss–Legendre on [−1, 1] (Newton on Pₙ from the Chebyshev guess). */
export function gaussLegendre(n: number): Rule {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = cosDet((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 1;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = z;
      for (let j = 2; j <= n; j++) [p0, p1] = [p1, ((2 * j - 1) * z * p1 - (j - 1) * p0) / j];
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const step = p1 / dp;
      z -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

const GL8 = gaussLegendre(8);

/** Composite 8-point rule on [a, b] with `panels` panels and density `density` folded into the weights. */
export function compositeRule(a: number, b: number, panels: number, density: (x: number) => number): Rule {
  const n = panels * GL8.x.length;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const width = (b - a) / panels;
  for (let p = 0; p < panels; p++) {
    for (let j = 0; j < GL8.x.length; j++) {
      const xi = a + width * (p + (GL8.x[j]! + 1) / 2);
      x[p * GL8.x.length + j] = xi;
      w[p * GL8.x.length + j] = (width / 2) * GL8.w[j]! * density(xi);
    }
  }
  return { x, w };
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
let normal: Rule | undefined;
let rayleigh: Rule | undefined;
let maxwell: Rule | undefined;
let uniform: Rule | undefined;

/** ε ~ N(0, 1). */
export function normalRule(): Rule {
  normal ??= compositeRule(-12, 12, 96, (e) => INV_SQRT_2PI * expDet(-0.5 * e * e));
  return normal;
}

/** r ~ Rayleigh(1), density r e^{−r²/2} on [0, ∞). */
export function rayleighRule(): Rule {
  rayleigh ??= compositeRule(0, 12, 48, (r) => r * expDet(-0.5 * r * r));
  return rayleigh;
}

/** m ~ double-sided Maxwell, density m² φ(m). */
export function maxwellRule(): Rule {
  maxwell ??= compositeRule(-12, 12, 96, (m) => m * m * INV_SQRT_2PI * expDet(-0.5 * m * m));
  return maxwell;
}

/** u ~ Uniform(0, 1). */
export function uniformRule(): Rule {
  uniform ??= compositeRule(0, 1, 16, () => 1);
  return uniform;
}

/** x ~ Exponential(rate): density rate·e^{−rate·x}, truncated where it is below e⁻⁶⁰. */
export function exponentialRule(rate: number): Rule {
  return compositeRule(0, 60 / rate, 240, (x) => rate * expDet(-rate * x));
}
