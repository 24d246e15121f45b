// Closed forms derived by hand (Isserlis / χ² moments), checked against quadrature and Monte Carlo in the tests.
// x = μ + σε, ε ~ N(0, I_k). Score of μᵢ: εᵢ/σᵢ; of σᵢ: (εᵢ² − 1)/σᵢ; of a shared σ: (‖ε‖² − k)/σ.
// Measure-valued (coupled): μᵢ ± σᵢ·Rayleigh with constant 1/(σ√(2π)); σ: Maxwell M against M·U, constant 1/σ.
import { expDet } from '../libm/index.js';

/** Single-sample variances for f = ‖x‖² with one shared σ (A = ‖μ‖²). */
export interface SumSquaresForms {
  /** True ∂/∂μᵢ = 2μᵢ and ∂/∂σ = 2kσ. */
  gradMu: number[];
  gradSigma: number;
  /** Per coordinate i. */
  mu: { score: number[]; pathwise: number[]; measureValued: number[] };
  /** The shared σ. */
  sigma: { score: number; pathwise: number; measureValued: number };
}

/**
 * f = ‖x‖², shared σ. Score μᵢ: A²/σ² + 2(k+4)A + 4μᵢ² + σ²(k+2)(k+4) (the homework's form). Pathwise μᵢ: 4σ².
 * Measure-valued μᵢ: 4μᵢ²(4 − π)/π (the coupled difference is 4μᵢσR: the other coordinates cancel).
 * Shared σ — score: 2kA²/σ² + 4(k+2)(k+4)A + 2kσ²(k² + 12k + 24); pathwise: 4A + 8kσ²; measure-valued: 4A + 4kσ².
 */
export function sumSquaresForms(mu: readonly number[], sigma: number): SumSquaresForms {
  const k = mu.length;
  const A = mu.reduce((s, m) => s + m * m, 0);
  const s2 = sigma * sigma;
  return {
    gradMu: mu.map((m) => 2 * m),
    gradSigma: 2 * k * sigma,
    mu: {
      score: mu.map((m) => (A * A) / s2 + 2 * (k + 4) * A + 4 * m * m + s2 * (k + 2) * (k + 4)),
      pathwise: mu.map(() => 4 * s2),
      measureValued: mu.map((m) => (4 * m * m * (4 - Math.PI)) / Math.PI),
    },
    sigma: {
      score: (2 * k * A * A) / s2 + 4 * (k + 2) * (k + 4) * A + 2 * k * s2 * (k * k + 12 * k + 24),
      pathwise: 4 * A + 8 * k * s2,
      measureValued: 4 * A + 4 * k * s2,
    },
  };
}

/**
 * Score-function variance of ∂/∂μᵢ for f = ‖x‖² with per-coordinate σⱼ: with A = ‖μ‖², M = Σ μⱼ²σⱼ², S₂ = Σ σⱼ²,
 * S₄ = Σ σⱼ⁴: [A² + 4M + 2A(S₂ + 2σᵢ²) + S₂² + 2S₄ + 4σᵢ²S₂ + 8σᵢ⁴]/σᵢ² + 4μᵢ². Equal σ gives the form above.
 */
export function sumSquaresScoreVarianceMu(mu: readonly number[], sigma: readonly number[], i: number): number {
  const A = mu.reduce((s, m) => s + m * m, 0);
  const M = mu.reduce((s, m, j) => s + m * m * sigma[j]! ** 2, 0);
  const S2 = sigma.reduce((s, v) => s + v * v, 0);
  const S4 = sigma.reduce((s, v) => s + v ** 4, 0);
  const si2 = sigma[i]! ** 2;
  return (A * A + 4 * M + 2 * A * (S2 + 2 * si2) + S2 * S2 + 2 * S4 + 4 * si2 * S2 + 8 * si2 * si2) / si2 + 4 * mu[i]! ** 2;
}

/** Single-sample variances of Mohamed et al.'s Figure 2: f = (x − k)², x ~ N(μ, σ²), d = μ − k. */
export interface Figure2Forms {
  mu: { score: number; scoreOptimal: number; pathwise: number; measureValued: number; optimalBaseline: number };
  sigma: { score: number; scoreOptimal: number; pathwise: number; measureValued: number; optimalBaseline: number };
}

/**
 * μ: score d⁴/σ² + 14d² + 15σ²; with b* = d² + 3σ²: 8d² + 6σ²; pathwise 4σ²; measure-valued 4d²(4 − π)/π.
 * σ: score 2d⁴/σ² + 60d² + 74σ²; with b* = d² + 5σ²: 40d² + 24σ²; pathwise 4d² + 8σ²; measure-valued 4d² + 4σ².
 */
export function figure2Forms(mu: number, sigma: number, k: number): Figure2Forms {
  const d = mu - k;
  const d2 = d * d;
  const s2 = sigma * sigma;
  return {
    mu: {
      score: (d2 * d2) / s2 + 14 * d2 + 15 * s2,
      scoreOptimal: 8 * d2 + 6 * s2,
      pathwise: 4 * s2,
      measureValued: (4 * d2 * (4 - Math.PI)) / Math.PI,
      optimalBaseline: d2 + 3 * s2,
    },
    sigma: {
      score: (2 * d2 * d2) / s2 + 60 * d2 + 74 * s2,
      scoreOptimal: 40 * d2 + 24 * s2,
      pathwise: 4 * d2 + 8 * s2,
      measureValued: 4 * d2 + 4 * s2,
      optimalBaseline: d2 + 5 * s2,
    },
  };
}

/** Where pathwise and measure-valued μ-gradient variances cross: |μ − k| = σ√(π/(4 − π)) ≈ 1.913σ. */
export function figure2Crossing(sigma: number): number {
  return sigma * Math.sqrt(Math.PI / (4 - Math.PI));
}

/** Exponential(rate λ), f = x²: ∂/∂λ E x² = −4/λ³; pathwise variance 80/λ⁶; score-function variance 488/λ⁶. */
export function exponentialSquareForms(rate: number): { grad: number; pathwise: number; score: number } {
  const l6 = rate ** 6;
  return { grad: -4 / rate ** 3, pathwise: 80 / l6, score: 488 / l6 };
}

/** Bernoulli(sigmoid θ), cost values h₀ = h(0), h₁ = h(1): gradient p(1 − p)(h₁ − h₀) and score variance. */
export function bernoulliForms(logit: number, h0: number, h1: number): { grad: number; score: number } {
  const p = 1 / (1 + expDet(-logit));
  const grad = p * (1 - p) * (h1 - h0);
  return { grad, score: (1 - p) * h0 * h0 * p * p + p * h1 * h1 * (1 - p) ** 2 - grad * grad };
}
