// Homework problem 3 (a–c): score function vs pathwise for the Gaussian mean, f = ‖x‖² — unbiasedness, variance
// against the closed forms, against dimension k and against σ; the score function's baselines.
import { z } from 'zod';
import { agreeCheck, doublings, meanCheck, varianceCheck, Z_MAX } from '../estimators/checks.js';
import { sumSquaresForms } from '../estimators/closed-forms.js';
import { GradientEstimator, type GradientEstimate } from '../estimators/estimate.js';
import { runInSlices } from './estimator-slices.js';
import { exactGradient } from '../estimators/exact.js';
import type { BaselineKind, EstimatorKind } from '../estimators/request.js';
import { createRng } from '../base/rng.js';
import type { Check, ExperimentOutput, RunContext, Series, Table } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { yieldToEventLoop } from '../lab/run.js';
import { finiteOrNull } from '../stats/checks.js';
import { DEFAULT_POWER_DELTA, resolutionAlternative } from '../stats/resolution.js';
import { linearFit } from '../stats/linear-fit.js';
import { logDet } from '../libm/index.js';

const params = z.object({
  dim: z.number().int().min(1).max(4096).default(8).describe('dimension k of x'),
  mu: z.number().min(-100).max(100).default(1).describe('every coordinate of the mean μ'),
  sigma: z.number().min(0.01).max(100).default(1).describe('shared standard deviation σ'),
  samples: z.number().int().min(1000).max(100_000_000).default(200_000).describe('samples per estimator'),
  maxDim: z.number().int().min(2).max(1024).default(64).describe('largest k in the dimension sweep (1, 2, 4, …)'),
  sigmas: z.array(z.number().min(0.01).max(100)).min(2).max(12).default([0.25, 0.5, 1, 2, 4]).describe('σ values of the σ sweep'),
  sweepSamples: z.number().int().min(1000).max(10_000_000).default(50_000).describe('samples per sweep point'),
  batchSize: z.number().int().min(2).max(10_000).default(10).describe('N for the leave-one-out and batch-mean baselines'),
});
type Params = z.output<typeof params>;

/** The relative error of the closed forms that the power of the sweep's "largest |z|" checks is measured against. */
const POWER_DELTA = DEFAULT_POWER_DELTA;
const ESTIMATORS: { kind: EstimatorKind; label: string; key: 'score' | 'pathwise' | 'measureValued' }[] = [
  { kind: 'score', label: 'score function', key: 'score' },
  { kind: 'pathwise', label: 'pathwise', key: 'pathwise' },
  { kind: 'measure-valued', label: 'measure-valued', key: 'measureValued' },
];

/** The baselines the experiment compares, with their names in labels. */
const BASELINE_LABELS: readonly (readonly [BaselineKind, string])[] = [
  ['none', 'no'],
  ['constant', 'constant'],
  ['optimal', 'optimal b*'],
  ['leave-one-out', 'leave-one-out'],
  ['batch-mean', 'batch-mean'],
];

function gaussianRun(ctx: RunContext, stream: number, dim: number, mu: number, sigma: number, estimator: EstimatorKind, param: 'mu' | 'sigma', samples: number, baseline: BaselineKind = 'none', extra: { batchSize?: number; baselineValue?: number } = {}, onSlice?: (fraction: number) => void): Promise<GradientEstimate> {
  const est = new GradientEstimator({
    distribution: { kind: 'gaussian', mu: new Array<number>(dim).fill(mu), sigma },
    cost: { kind: 'sum-squares' },
    estimator,
    param,
    baseline,
    ...extra,
    rng: createRng(ctx.seed).stream(stream),
  });
  return runInSlices(est, samples, ctx, onSlice);
}

/** 3a–3c: score-function vs pathwise gradients of a Gaussian expectation — bias, variance, dimension, σ. */
export const estimatorsExperiment = defineExperiment({
  id: 'estimators',
  question: '3a–3c',
  parts: ['3a', '3b', '3c'],
  title: 'Score function vs pathwise gradients of a Gaussian expectation: bias, variance, dimension, σ',
  summary: 'Estimates ∇ E‖x‖² for x ~ N(μ, σ²I_k) with both estimators and compares means and variances with the closed forms.',
  explanation:
    'The score function (REINFORCE) estimator multiplies f(x) by $\\nabla_\\mu \\log p = (x-\\mu)/\\sigma^2$; the pathwise ' +
    '(reparameterization) estimator writes $x = \\mu + \\sigma\\epsilon$ and differentiates f through x. Both are unbiased: ' +
    'their sample means land within a few standard errors of $2\\mu_i$.\n\n' +
    'Their variances differ by orders of magnitude. For $f = \\|x\\|^2$ the pathwise estimate $2x_i$ has variance $4\\sigma^2$ in ' +
    'every dimension, while the score-function estimate carries all of f — a sum of k terms — so its variance grows like ' +
    '$k^2$ (slope 2 on the log–log plot), and like $A^2/\\sigma^2$ as σ shrinks.\n\n' +
    'Baselines: subtracting a constant b keeps the score function unbiased (E[s] = 0); $b^* = E[f s^2]/E[s^2]$ minimises the ' +
    'variance. Using the mean of the same batch as the baseline is biased — the sample itself is in its own baseline, ' +
    'which scales the expected gradient by $1 - 1/N$ — while leave-one-out is unbiased.\n\n' +
    'The measure-valued estimator evaluates f twice per sample — at the positive and the negative part of the weak ' +
    'derivative ($\\mu \\pm \\sigma w$, $w$ Weibull, for the mean; a double-sided Maxwell point and a Gaussian point for σ) — ' +
    'while score function and pathwise evaluate it once (pathwise needs its gradient). At equal samples it therefore ' +
    'costs twice the evaluations: per evaluation its variance is twice the one in the table.',
  closedForm:
    '\\mathrm{Var}_{\\mathrm{PW}} = 4\\sigma^2,\\quad \\mathrm{Var}_{\\mathrm{SF}} = \\frac{A^2}{\\sigma^2} + 2(k+4)A + 4\\mu_i^2 + ' +
    '\\sigma^2(k+2)(k+4),\\quad A = \\|\\mu\\|^2',
  params,
  values: {
    ...Object.fromEntries(
      ESTIMATORS.flatMap((e) => [
        [`var_${e.key}_mu`, { label: `${e.label}: variance of ∂/∂μ₁`, unit: '', meaning: `Sample variance of one ${e.label} estimate of ∂E‖x‖²/∂μ₁ (per sample), compared with its closed form.`, tex: '\\mathrm{Var}\\,\\hat g_{\\mu_1}' }],
        [`var_${e.key}_sigma`, { label: `${e.label}: variance of ∂/∂σ`, unit: '', meaning: `Sample variance of one ${e.label} estimate of ∂E‖x‖²/∂σ (per sample), compared with its closed form.`, tex: '\\mathrm{Var}\\,\\hat g_{\\sigma}' }],
      ]),
    ),
    trueGradMu: { label: 'true ∂E‖x‖²/∂μ₁', unit: '', meaning: 'The exact gradient 2μ₁ that every unbiased estimator averages to.', tex: '2\\mu_1' },
    trueGradSigma: { label: 'true ∂E‖x‖²/∂σ', unit: '', meaning: 'The exact gradient 2kσ with respect to the shared σ.', tex: '2k\\sigma' },
    ...Object.fromEntries(
      BASELINE_LABELS.map(([kind, label]) => [
        `baselineVar_${kind}`,
        { label: `score function, ${label} baseline: variance of ∂/∂μ₁`, unit: '', meaning: `Per-sample variance of the score-function estimate of ∂/∂μ₁ with ${kind === 'none' ? 'no' : `the ${label}`} baseline (lower is better).` },
      ]),
    ),
    scoreSlopeVsK: { label: 'score function: slope of variance in k', unit: '', meaning: 'Log–log slope of the score-function variance against the dimension k over the sweep (tends to 2).' },
    scoreSlopeVsKClosedForm: { label: 'closed form’s slope in k', unit: '', meaning: 'The same slope of the closed-form variance over the same k (below 2 at small k).' },
    pathwiseSlopeVsK: { label: 'pathwise: slope of variance in k', unit: '', meaning: 'Log–log slope of the pathwise variance against k (closed form 4σ²: slope 0).' },
  },
  presets: { quick: { samples: 20_000, sweepSamples: 5_000, maxDim: 16, sigmas: [0.5, 1, 2] } },
  // Sampled coordinates: six estimator/parameter runs and five baselines at k = dim, the dimension sweep (score function
  // and pathwise at k = 1, 2, 4, …, maxDim) and the σ sweep (both at k = dim).
  cost: {
    unit: 'sampled coordinates',
    units: (p) => p.dim * p.samples * (ESTIMATORS.length * 2 + BASELINE_LABELS.length) + 2 * p.sweepSamples * (doublings(p.maxDim).reduce((s, k) => s + k, 0) + p.sigmas.length * p.dim),
  },
  async run(p: Params, ctx): Promise<ExperimentOutput> {
    const checks: Check[] = [];
    const series: Series[] = [];
    const tables: Table[] = [];
    const values: Record<string, number | null> = {};
    const forms = sumSquaresForms(new Array<number>(p.dim).fill(p.mu), p.sigma);
    // Tables fill row by row: checkpoints copy the rows so far.
    const output = (): ExperimentOutput => ({ values: { ...values }, checks: [...checks], series: [...series], tables: tables.map((t) => ({ ...t, rows: [...t.rows] })) });
    let stream = 0;
    // The score function's ∂/∂μ₁ run: also the "no baseline" row of the baselines table (not sampled, nor checked, twice).
    let scoreMu: GradientEstimate | undefined;

    // 1. Every estimator at (k, μ, σ): means against the true gradients, variances against the closed forms.
    const rows: (string | number | null)[][] = [];
    tables.push({
      title: `f = ‖x‖², k = ${p.dim}, μ = ${p.mu}·1, σ = ${p.sigma}, ${p.samples} samples each (measure-valued: 2 evaluations of f per sample, the others 1)`,
      columns: ['estimator', 'gradient', 'true', 'mean', 'stderr', 'variance (closed form)', 'variance (measured)', 'stderr of variance'],
      rows,
    });
    for (const e of ESTIMATORS) {
      for (const param of ['mu', 'sigma'] as const) {
        ctx.throwIfCancelled();
        const what = param === 'mu' ? '∂/∂μ₁' : '∂/∂σ';
        const est = await gaussianRun(ctx, stream++, p.dim, p.mu, p.sigma, e.kind, param, p.samples, 'none', {}, (f) => ctx.progress((rows.length + f) / 20, `${e.label} ${what}`));
        const grad = param === 'mu' ? forms.gradMu[0]! : forms.gradSigma;
        const exactVar = param === 'mu' ? forms.mu[e.key][0]! : forms.sigma[e.key];
        if (e.kind === 'score' && param === 'mu') scoreMu = est;
        // Where the budget cannot resolve ×1.05 (the score function's variance is large), the mean check names the
        // bias it does detect with 90 % power, from the exact standard error √(Var/N).
        const bias = resolutionAlternative(grad, Math.sqrt(exactVar / est.units), Z_MAX, `${est.units} samples`);
        checks.push({ ...meanCheck(`${e.label} ${what}: mean = true gradient`, grad, est), ...(bias ? { alternative: bias } : {}) });
        checks.push(varianceCheck(`${e.label} ${what}: variance = closed form`, exactVar, est));
        rows.push([e.label, what, grad, est.mean[0]!, est.stderr[0]!, exactVar, est.variance[0]!, est.varianceStderr[0]!]);
        values[`var_${e.key}_${param}`] = est.variance[0]!;
        ctx.progress(rows.length / 20, `${e.label} ${what}`);
        ctx.checkpoint(output());
        await yieldToEventLoop();
      }
    }
    // The closed forms themselves against quadrature (no sampling).
    const quad = exactGradient({ distribution: { kind: 'gaussian', mu: new Array<number>(p.dim).fill(p.mu), sigma: p.sigma }, cost: { kind: 'sum-squares' }, estimator: 'score' });
    checks.push(agreeCheck('score-function variance: closed form = quadrature', forms.mu.score[0]!, quad.variance[0]!, 1e-8));
    values.trueGradMu = forms.gradMu[0]!;
    values.trueGradSigma = forms.gradSigma;
    ctx.checkpoint(output());

    // 2. Baselines for the score function's ∂/∂μ₁.
    const N = p.batchSize;
    const grad = forms.gradMu[0]!;
    const meanF = p.dim * (p.mu * p.mu + p.sigma * p.sigma);
    const baselineRows: (string | number | null)[][] = [];
    const variants: { label: string; kind: BaselineKind; extra?: { batchSize?: number; baselineValue?: number }; expectedMean: number }[] = [
      { label: 'none (the score function ∂/∂μ₁ run above)', kind: 'none', expectedMean: grad },
      { label: `constant b = E f = ${meanF}`, kind: 'constant', extra: { baselineValue: meanF }, expectedMean: grad },
      { label: 'optimal b* (pilot run)', kind: 'optimal', expectedMean: grad },
      { label: `leave-one-out (N = ${N})`, kind: 'leave-one-out', extra: { batchSize: N }, expectedMean: grad },
      { label: `batch mean (N = ${N})`, kind: 'batch-mean', extra: { batchSize: N }, expectedMean: (1 - 1 / N) * grad },
    ];
    const gaussian = { kind: 'gaussian', mu: new Array<number>(p.dim).fill(p.mu), sigma: p.sigma } as const;
    for (const v of variants) {
      ctx.throwIfCancelled();
      // No baseline is the score function's ∂/∂μ₁ of part 1: its mean and variance are checked there.
      const repeat = v.kind === 'none';
      const est = repeat ? scoreMu! : await gaussianRun(ctx, stream++, p.dim, p.mu, p.sigma, 'score', 'mu', p.samples, v.kind, v.extra ?? {});
      const b = est.baseline?.[0];
      const exact =
        v.kind === 'none' || v.kind === 'constant' || v.kind === 'optimal'
          ? exactGradient({
              distribution: gaussian,
              cost: { kind: 'sum-squares' },
              estimator: 'score',
              baseline: v.kind === 'none' ? 'none' : 'constant',
              baselineValue: b ?? 0,
            }).variance[0]!
          : null;
      if (!repeat) {
        // The design standard error of the mean, where the exact variance is known: at the exact b* for the pilot's
        // (so the same on every seed), at b for a constant.
        const designVariance = v.kind === 'optimal' ? exactGradient({ distribution: gaussian, cost: { kind: 'sum-squares' }, estimator: 'score', baseline: 'optimal' }).variance[0]! : exact;
        const bias = designVariance === null ? undefined : resolutionAlternative(v.expectedMean, Math.sqrt(designVariance / est.units), Z_MAX, `${est.units} samples`);
        const mean = meanCheck(`baseline ${v.label}: mean = ${v.kind === 'batch-mean' ? '(1 − 1/N)·' : ''}true gradient`, v.expectedMean, est, 0, v.kind === 'batch-mean' ? `biased: the unbiased value ${grad} is ${((est.mean[0]! - grad) / est.stderr[0]!).toFixed(1)} standard errors away` : undefined);
        checks.push({ ...mean, ...(bias ? { alternative: bias } : {}) });
        if (exact !== null) checks.push(varianceCheck(`baseline ${v.label}: variance = exact`, exact, est));
      }
      // A unit is a batch of N: N·Var(unit) is the variance per sample, comparable with the single-sample rows.
      baselineRows.push([v.label, b ?? null, v.expectedMean, est.mean[0]!, est.stderr[0]!, exact, est.variance[0]! * est.batchSize]);
      values[`baselineVar_${v.kind}`] = est.variance[0]! * est.batchSize;
      await yieldToEventLoop();
    }
    tables.push({
      title: `Score-function baselines, ∂/∂μ₁ (per-sample variance; true gradient ${grad})`,
      columns: ['baseline', 'b', 'expected mean', 'mean', 'stderr', 'variance (exact)', 'variance per sample'],
      rows: baselineRows,
    });
    ctx.checkpoint(output());

    // 3. Variance against dimension k (log–log) and against σ.
    const sweep = async (label: string, xs: number[], at: (x: number) => { dim: number; sigma: number }, xLabel: string, plot: string) => {
      const measured: Record<string, (number | null)[]> = { score: [], pathwise: [] };
      const low: Record<string, (number | null)[]> = { score: [], pathwise: [] };
      const high: Record<string, (number | null)[]> = { score: [], pathwise: [] };
      const theory: Record<string, number[]> = { score: [], pathwise: [] };
      // Per estimator: the largest |z| against the closed form, and against the closed form × (1 + δ) at every point
      // (the wrong answer the calibration's power is measured against; the worst |z| alone cannot be re-judged against
      // a perturbed curve, since another point may then be the worst).
      const worst = { score: 0, pathwise: 0 };
      const worstPerturbed = { score: 0, pathwise: 0 };
      for (const [xi, x] of xs.entries()) {
        const { dim, sigma } = at(x);
        const f = sumSquaresForms(new Array<number>(dim).fill(p.mu), sigma);
        for (const kind of ['score', 'pathwise'] as const) {
          ctx.throwIfCancelled();
          const est = await gaussianRun(ctx, stream++, dim, p.mu, sigma, kind, 'mu', p.sweepSamples);
          const v = est.variance[0]!;
          const se = est.varianceStderr[0]!;
          measured[kind]!.push(v);
          low[kind]!.push(finiteOrNull(Math.max(v - 2 * se, v * 1e-3)));
          high[kind]!.push(v + 2 * se);
          theory[kind]!.push(f.mu[kind][0]!);
          worst[kind] = Math.max(worst[kind], Math.abs(v - f.mu[kind][0]!) / se);
          worstPerturbed[kind] = Math.max(worstPerturbed[kind], Math.abs(v - f.mu[kind][0]! * (1 + POWER_DELTA)) / se);
        }
        ctx.progress(0.5 + (0.25 * (xi + 1)) / xs.length + (label === 'sigma' ? 0.25 : 0), `${label} = ${x}`);
        await yieldToEventLoop();
      }
      for (const kind of ['score', 'pathwise'] as const) {
        const name = kind === 'score' ? 'score function' : 'pathwise';
        series.push({ plot, label: `${name} (measured)`, x: xs, y: measured[kind]!, yLow: low[kind]!, yHigh: high[kind]!, xLabel, yLabel: 'Var of ∂/∂μ₁ estimate', logX: true, logY: true, kind: 'measured' });
        series.push({ plot, label: `${name} (closed form)`, x: xs, y: theory[kind]!, xLabel, yLabel: 'Var of ∂/∂μ₁ estimate', logX: true, logY: true, kind: 'theory' });
      }
      for (const kind of ['score', 'pathwise'] as const) {
        const name = kind === 'score' ? 'score function' : 'pathwise';
        const finite = (z: number) => (Number.isFinite(z) ? z : Number.MAX_VALUE);
        checks.push({
          name: `${name}: variance = closed form at every ${label} of the sweep, largest |z| ≤ 5`,
          expected: 0,
          measured: finite(worst[kind]),
          tolerance: 5,
          pass: worst[kind] <= 5,
          note: `${xs.length} points, ${p.sweepSamples} samples each; z from the variance's standard error; largest |z| against the closed form × ${1 + POWER_DELTA}: ${worstPerturbed[kind].toFixed(1)}`,
          alternative: { label: `closed form × ${1 + POWER_DELTA} at every ${label}`, measured: finite(worstPerturbed[kind]) },
        });
      }
      return { measured, theory };
    };
    const ks = doublings(p.maxDim);
    const byDim = await sweep('k', ks, (k) => ({ dim: k, sigma: p.sigma }), 'dimension k', 'Variance vs dimension (log–log)');
    // Slopes on the upper half of the sweep: the score function's approaches 2, the pathwise one is 0.
    const upper = ks.slice(Math.floor(ks.length / 2));
    const logs = (ys: (number | null)[]) => ys.slice(Math.floor(ks.length / 2)).map((y) => logDet(y ?? NaN));
    const sfSlope = linearFit(upper.map((x) => logDet(x)), logs(byDim.measured.score!)).slope;
    const sfTheorySlope = linearFit(upper.map((x) => logDet(x)), logs(byDim.theory.score!)).slope;
    values.scoreSlopeVsK = finiteOrNull(sfSlope);
    values.scoreSlopeVsKClosedForm = finiteOrNull(sfTheorySlope);
    values.pathwiseSlopeVsK = finiteOrNull(linearFit(upper.map((x) => logDet(x)), logs(byDim.measured.pathwise!)).slope);
    ctx.checkpoint(output());
    const sigmas = [...p.sigmas].sort((a, b) => a - b);
    await sweep('sigma', sigmas, (s) => ({ dim: p.dim, sigma: s }), 'σ', 'Variance vs σ (log–log)');
    return output();
  },
});
