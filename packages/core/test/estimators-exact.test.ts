// The hand-derived closed forms against numerical quadrature (two independent computations of the same expectation):
// agreement to 1e−9 relative. Includes the homework's score-function variance typed exactly as the issue states it.
import { describe, expect, it } from 'vitest';
import {
  bernoulliForms,
  exactGradient,
  exponentialSquareForms,
  figure2Crossing,
  figure2Forms,
  sumSquaresForms,
  sumSquaresScoreVarianceMu,
  type EstimatorKind,
} from '@hw3/core';
import { scoreVarianceDesign } from '../src/experiments/estimator-variance-figure.js';

const close = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

const POINTS: { mu: number[]; sigma: number }[] = [
  { mu: [0], sigma: 1 },
  { mu: [0.5], sigma: 0.3 },
  { mu: [0.5, -1, 2], sigma: 0.7 },
  { mu: [1, 1, 1, 1, 1, 1, 1, 1], sigma: 2 },
  { mu: Array.from({ length: 20 }, (_, i) => Math.sin(i)), sigma: 1.3 },
];

describe('f = ‖x‖², shared σ: closed forms = quadrature', () => {
  for (const { mu, sigma } of POINTS) {
    const forms = sumSquaresForms(mu, sigma);
    const dist = { kind: 'gaussian' as const, mu, sigma };
    const cost = { kind: 'sum-squares' as const };
    for (const [estimator, key] of [['score', 'score'], ['pathwise', 'pathwise'], ['measure-valued', 'measureValued']] as [EstimatorKind, 'score' | 'pathwise' | 'measureValued'][]) {
      it(`k = ${mu.length}, σ = ${sigma}: ${estimator}`, () => {
        const m = exactGradient({ distribution: dist, cost, estimator, param: 'mu' });
        mu.forEach((_, i) => {
          close(m.mean[i]!, forms.gradMu[i]!);
          close(m.variance[i]!, forms.mu[key][i]!);
        });
        const s = exactGradient({ distribution: dist, cost, estimator, param: 'sigma' });
        close(s.mean[0]!, forms.gradSigma);
        close(s.variance[0]!, forms.sigma[key]);
      });
    }
  }

  it("matches the issue's formula A²/σ² + 2(k+4)A + 4μᵢ² + σ²(k+2)(k+4)", () => {
    const mu = [0.5, -1, 2];
    const sigma = 0.7;
    const k = 3;
    const A = 0.25 + 1 + 4;
    const issue = (m: number) => A ** 2 / sigma ** 2 + 2 * (k + 4) * A + 4 * m ** 2 + sigma ** 2 * (k + 2) * (k + 4);
    sumSquaresForms(mu, sigma).mu.score.forEach((v, i) => close(v, issue(mu[i]!), 1e-14));
    sumSquaresForms(mu, sigma).mu.pathwise.forEach((v) => close(v, 4 * sigma ** 2, 1e-14));
  });

  it('per-coordinate σᵢ: the general score-function form = quadrature, and reduces to the shared one', () => {
    const mu = [0.5, -1, 2, 0];
    const sigma = [0.4, 1, 1.7, 0.9];
    const quad = exactGradient({ distribution: { kind: 'gaussian', mu, sigma }, cost: { kind: 'sum-squares' }, estimator: 'score' });
    mu.forEach((_, i) => close(quad.variance[i]!, sumSquaresScoreVarianceMu(mu, sigma, i)));
    const shared = sumSquaresForms(mu, 0.8).mu.score;
    mu.forEach((_, i) => close(sumSquaresScoreVarianceMu(mu, [0.8, 0.8, 0.8, 0.8], i), shared[i]!, 1e-13));
  });
});

describe('Figure 2: f = (x − k)², closed forms = quadrature', () => {
  for (const [mu, sigma] of [[1, 1], [0.3, 0.6], [-2, 1.5]] as const) {
    it(`μ = ${mu}, σ = ${sigma}, k from −3 to 3`, () => {
      for (let k = -3; k <= 3; k += 0.75) {
        const f = figure2Forms(mu, sigma, k);
        const dist = { kind: 'gaussian' as const, mu: [mu], sigma: [sigma] };
        const cost = { kind: 'shifted-square' as const, k };
        for (const param of ['mu', 'sigma'] as const) {
          const forms = f[param];
          close(exactGradient({ distribution: dist, cost, estimator: 'score', param }).variance[0]!, forms.score);
          const opt = exactGradient({ distribution: dist, cost, estimator: 'score', param, baseline: 'optimal' });
          close(opt.variance[0]!, forms.scoreOptimal);
          close(opt.baseline![0]!, forms.optimalBaseline);
          close(exactGradient({ distribution: dist, cost, estimator: 'pathwise', param }).variance[0]!, forms.pathwise);
          close(exactGradient({ distribution: dist, cost, estimator: 'measure-valued', param }).variance[0]!, forms.measureValued);
        }
      }
    });
  }

  it('the figure’s design standard error: its variance is the closed form, its 4th moment the Gaussian one', () => {
    for (const k of [-3, 0, 1, 2.5]) {
      const f = figure2Forms(1, 1, k);
      for (const param of ['mu', 'sigma'] as const) {
        close(scoreVarianceDesign(1, 1, k, param, 0, 1000).variance, f[param].score);
        close(scoreVarianceDesign(1, 1, k, param, f[param].optimalBaseline, 1000).variance, f[param].scoreOptimal);
      }
    }
    // k = μ, σ = 1, μ-gradient: g = ε³, Var = E ε⁶ = 15, μ₄ = E ε¹² = 10395: se² = (10395 − 225·997/999)/1000.
    close(scoreVarianceDesign(1, 1, 1, 'mu', 0, 1000).stderr ** 2, (10395 - (225 * 997) / 999) / 1000);
  });

  it('pathwise and measure-valued μ-variances cross at |μ − k| = σ√(π/(4 − π))', () => {
    const d = figure2Crossing(1.3);
    const f = figure2Forms(0.2, 1.3, 0.2 - d);
    close(f.mu.pathwise, f.mu.measureValued, 1e-12);
    expect(figure2Forms(0.2, 1.3, 0.2 - 0.9 * d).mu.measureValued).toBeLessThan(f.mu.pathwise);
    expect(figure2Forms(0.2, 1.3, 0.2 - 1.1 * d).mu.measureValued).toBeGreaterThan(f.mu.pathwise);
  });
});

describe('non-Gaussian distributions: closed forms = quadrature', () => {
  it('exponential, f = x²', () => {
    for (const rate of [0.4, 1, 2.5]) {
      const forms = exponentialSquareForms(rate);
      const dist = { kind: 'exponential' as const, rate };
      const sf = exactGradient({ distribution: dist, cost: { kind: 'sum-squares' }, estimator: 'score' });
      const pw = exactGradient({ distribution: dist, cost: { kind: 'sum-squares' }, estimator: 'pathwise' });
      close(sf.mean[0]!, forms.grad);
      close(pw.mean[0]!, forms.grad);
      close(sf.variance[0]!, forms.score);
      close(pw.variance[0]!, forms.pathwise);
    }
  });

  it('Bernoulli, f = (x − 0.2)²', () => {
    for (const logit of [-2, 0, 0.3, 3]) {
      const forms = bernoulliForms(logit, 0.04, 0.64);
      const ex = exactGradient({ distribution: { kind: 'bernoulli', logit }, cost: { kind: 'shifted-square', k: 0.2 }, estimator: 'score' });
      close(ex.mean[0]!, forms.grad, 1e-14);
      close(ex.variance[0]!, forms.score, 1e-14);
    }
  });
});
