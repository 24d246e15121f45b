// Monte Carlo against the exact values, seeded: means within 5 standard errors of the true gradient, variances within
// 5 standard errors of the sample variance (from the fourth central moment). Negative controls show the same checks
// reject a wrong formula and a biased baseline.
import { describe, expect, it } from 'vitest';
import {
  createRng,
  estimateGradient,
  exactGradient,
  exponentialSquareForms,
  sumSquaresForms,
  type EstimatorKind,
  type GradientEstimate,
} from '@hw3/core';

const Z = 5;
// A zero-variance estimate (pathwise on a·x) has stderr 0: then only rounding may separate it from the exact value.
const zMean = (est: GradientEstimate, expected: number, i = 0) =>
  (est.mean[i]! - expected) / Math.max(est.stderr[i]!, 1e-12 * Math.max(1, Math.abs(expected)));
const zVar = (est: GradientEstimate, expected: number, i = 0) => (est.variance[i]! - expected) / est.varianceStderr[i]!;

const POINTS = [
  { mu: [0.5], sigma: 1, samples: 200_000 },
  { mu: [0.5, -1, 2], sigma: 0.7, samples: 200_000 },
  { mu: Array.from({ length: 10 }, () => 1), sigma: 2, samples: 100_000 },
];
const KINDS: [EstimatorKind, 'score' | 'pathwise' | 'measureValued'][] = [
  ['score', 'score'],
  ['pathwise', 'pathwise'],
  ['measure-valued', 'measureValued'],
];

describe('Gaussian, f = ‖x‖²: unbiased, and variances = closed forms', () => {
  let seed = 100;
  for (const { mu, sigma, samples } of POINTS) {
    const forms = sumSquaresForms(mu, sigma);
    for (const [estimator, key] of KINDS) {
      for (const param of ['mu', 'sigma'] as const) {
        const s = seed++;
        it(`k = ${mu.length}, σ = ${sigma}: ${estimator} ∂/∂${param}`, () => {
          const est = estimateGradient({ distribution: { kind: 'gaussian', mu, sigma }, cost: { kind: 'sum-squares' }, estimator, param, samples, rng: createRng(s) });
          expect(est.engine).toBe('wasm');
          if (param === 'mu') {
            for (const i of [0, mu.length - 1]) {
              expect(Math.abs(zMean(est, forms.gradMu[i]!, i))).toBeLessThan(Z);
              expect(Math.abs(zVar(est, forms.mu[key][i]!, i))).toBeLessThan(Z);
            }
          } else {
            expect(Math.abs(zMean(est, forms.gradSigma))).toBeLessThan(Z);
            expect(Math.abs(zVar(est, forms.sigma[key]))).toBeLessThan(Z);
          }
        });
      }
    }
  }

  it('negative control: the score-function variance without its 4μᵢ² term is rejected', () => {
    const mu = [2];
    const est = estimateGradient({ distribution: { kind: 'gaussian', mu, sigma: 1 }, cost: { kind: 'sum-squares' }, estimator: 'score', samples: 200_000, rng: createRng(7) });
    const right = sumSquaresForms(mu, 1).mu.score[0]!;
    expect(Math.abs(zVar(est, right))).toBeLessThan(Z);
    expect(Math.abs(zVar(est, right - 4 * mu[0]! ** 2))).toBeGreaterThan(Z);
  });
});

describe('other costs and distributions: Monte Carlo = quadrature', () => {
  const cases = [
    { cost: { kind: 'bump', k: 2 } as const, mu: [0.3, -0.8], sigma: [0.5, 1.2] },
    { cost: { kind: 'cosine', k: 3 } as const, mu: [0.3, 1], sigma: 0.6 },
    { cost: { kind: 'linear', a: [2, -1] } as const, mu: [0.3, 1], sigma: 0.6 },
  ];
  let seed = 200;
  for (const { cost, mu, sigma } of cases) {
    for (const [estimator] of KINDS) {
      for (const param of ['mu', 'sigma'] as const) {
        const s = seed++;
        it(`${cost.kind}: ${estimator} ∂/∂${param}`, () => {
          const dist = { kind: 'gaussian' as const, mu, sigma };
          const exact = exactGradient({ distribution: dist, cost, estimator, param });
          const est = estimateGradient({ distribution: dist, cost, estimator, param, samples: 100_000, rng: createRng(s) });
          exact.mean.forEach((m, i) => {
            expect(Math.abs(zMean(est, m, i))).toBeLessThan(Z);
            if (exact.variance[i]! > 1e-12) expect(Math.abs(zVar(est, exact.variance[i]!, i))).toBeLessThan(Z);
            else expect(est.variance[i]!).toBeLessThan(1e-20); // a zero-variance estimator (pathwise on a·x)
          });
        });
      }
    }
  }

  it('exponential, f = x²: score function and pathwise', () => {
    const forms = exponentialSquareForms(1.5);
    for (const [i, estimator] of (['score', 'pathwise'] as const).entries()) {
      const est = estimateGradient({ distribution: { kind: 'exponential', rate: 1.5 }, cost: { kind: 'sum-squares' }, estimator, samples: 400_000, rng: createRng(300 + i) });
      expect(Math.abs(zMean(est, forms.grad))).toBeLessThan(Z);
      expect(Math.abs(zVar(est, forms[estimator]))).toBeLessThan(Z);
    }
  });

  it('Bernoulli: score function', () => {
    const exact = exactGradient({ distribution: { kind: 'bernoulli', logit: -0.7 }, cost: { kind: 'cosine', k: 2 }, estimator: 'score' });
    const est = estimateGradient({ distribution: { kind: 'bernoulli', logit: -0.7 }, cost: { kind: 'cosine', k: 2 }, estimator: 'score', samples: 200_000, rng: createRng(310) });
    expect(Math.abs(zMean(est, exact.mean[0]!))).toBeLessThan(Z);
    expect(Math.abs(zVar(est, exact.variance[0]!))).toBeLessThan(Z);
  });
});

describe('baselines (score function, ∂/∂μ₁ of E‖x‖², k = 4, μ = 1, σ = 1)', () => {
  const dist = { kind: 'gaussian' as const, mu: [1, 1, 1, 1], sigma: 1 };
  const cost = { kind: 'sum-squares' as const };
  const grad = 2;
  const run = (seed: number, extra: object) => estimateGradient({ distribution: dist, cost, estimator: 'score', samples: 400_000, rng: createRng(seed), ...extra });

  it('batch mean is biased by the factor (1 − 1/N); leave-one-out is not', () => {
    for (const N of [2, 5]) {
      const biased = run(400 + N, { baseline: 'batch-mean', batchSize: N });
      expect(Math.abs(zMean(biased, (1 - 1 / N) * grad))).toBeLessThan(Z);
      expect(Math.abs(zMean(biased, grad))).toBeGreaterThan(Z); // the bias is visible, not within noise
      const loo = run(410 + N, { baseline: 'leave-one-out', batchSize: N });
      expect(Math.abs(zMean(loo, grad))).toBeLessThan(Z);
    }
  });

  it('a constant baseline keeps the mean and has the exact variance at its b', () => {
    const est = run(420, { baseline: 'constant', baselineValue: 8 });
    expect(Math.abs(zMean(est, grad))).toBeLessThan(Z);
    const exact = exactGradient({ distribution: dist, cost, estimator: 'score', baseline: 'constant', baselineValue: 8 });
    expect(Math.abs(zVar(est, exact.variance[0]!))).toBeLessThan(Z);
  });

  it('the optimal baseline (pilot run) is near b* and reduces the variance below every other constant', () => {
    const est = run(430, { baseline: 'optimal', pilotSamples: 50_000 });
    const opt = exactGradient({ distribution: dist, cost, estimator: 'score', baseline: 'optimal' });
    const atB = exactGradient({ distribution: dist, cost, estimator: 'score', baseline: 'constant', baselineValue: est.baseline! });
    expect(Math.abs(zMean(est, grad))).toBeLessThan(Z);
    expect(Math.abs(zVar(est, atB.variance[0]!))).toBeLessThan(Z);
    // Var(b) = Var(b*) + (b − b*)² E[s²]: the pilot's b costs at most 2% more than the optimum here.
    expect(atB.variance[0]! / opt.variance[0]!).toBeLessThan(1.02);
    for (const b of [0, opt.baseline![0]! * 0.8, opt.baseline![0]! * 1.2]) {
      expect(exactGradient({ distribution: dist, cost, estimator: 'score', baseline: 'constant', baselineValue: b }).variance[0]!).toBeGreaterThan(opt.variance[0]!);
    }
  });
});
