// Homework problem 1c: at fixed fan-in, neither the RMS of W x nor that of a SignGD update's effect depends on d₂.
import { z } from 'zod';
import { gridOf, orderedPairs } from '../lab/schema-rules.js';
import { createRng } from '../base/rng.js';
import type { Check, ExperimentOutput, Series } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { estimateWithStderr } from '../lab/value-info.js';
import { logLogFit } from '../stats/loglog.js';
import { measureInitRms, measureSigngdRms, mupClosedForm, trialsFor, type Estimate } from '../mup/measure.js';
import { Z95 } from '../stats/significance.js';
import { yieldToEventLoop } from '../lab/run.js';
import { familyThreshold } from '../stats/significance.js';
import { finiteOrNull, zCheck } from '../stats/checks.js';
import { resolutionAlternative } from '../stats/resolution.js';

const params = z.object({
  d1: z.number().int().min(1).max(8192).default(256).describe('fixed fan-in d₁'),
  d2s: gridOf(z.array(z.number().int().min(1).max(8192)).min(2).max(16)).default([1, 4, 16, 64, 256, 1024, 4096]).describe('fan-out values d₂'),
  budget: z.number().int().min(1000).max(1e9).default(2 ** 21).describe('random numbers / multiply-adds per grid point'),
  minTrials: z.number().int().min(4).max(1_000_000).default(16).describe('fewest trials per grid point'),
  maxTrials: z.number().int().min(4).max(1_000_000).default(20_000).describe('most trials per grid point'),
}).superRefine(orderedPairs([['minTrials', 'maxTrials']]));
type Params = z.output<typeof params>;

/** Trials per d₂: the budget per point sets them (a SignGD trial costs twice an init trial), within [minTrials, maxTrials]. */
function trialPlan(p: Params): { d2: number; cost: number; initTrials: number; signTrials: number }[] {
  const cap = Math.max(p.minTrials, p.maxTrials);
  return p.d2s.map((d2) => {
    const cost = p.d1 * d2 + p.d1;
    return { d2, cost, initTrials: trialsFor(cost, p.budget, p.minTrials, cap), signTrials: trialsFor(2 * cost, p.budget, p.minTrials, cap) };
  });
}

/** Work at one d₂: random numbers and multiply-adds of its trials. */
const work = (q: { cost: number; initTrials: number; signTrials: number }) => q.cost * (q.initTrials + 2 * q.signTrials);

interface Point {
  d2: number;
  init: Estimate;
  signgd: Estimate;
}

function output(points: Point[], p: Params): ExperimentOutput {
  const m = 2 * p.d2s.length + 2;
  const checks: Check[] = [];
  const initCf = mupClosedForm.init(p.d1);
  const signCf = mupClosedForm.signgdTrain(p.d1);
  for (const pt of points) {
    // The wrong answers the rows are for: the fan-out in the law (the squared norm without the RMS's 1/d₂), and for
    // SignGD the homework's tempting d₁ (1a's law). At d₂ = 1 that law is the RMS itself; the row is measured against
    // the smallest error it resolves with 90 % power at its trials (from the exact per-trial variance), or × 1.05.
    const zInit = familyThreshold(m, pt.init.trials - 1);
    const initCheck = zCheck(`E‖Wx‖²_rms = d₁ at d₂=${pt.d2}`, initCf, pt.init.mean, pt.init.stderr, zInit);
    const initAlternative = pt.d2 > 1
      ? { label: 'd₁·d₂ = E‖Wx‖²: the RMS’s 1/d₂ forgotten (fan-out exponent 1, not 0)', expected: initCf * pt.d2 }
      : resolutionAlternative(initCf, Math.sqrt(mupClosedForm.initVariance(p.d1, pt.d2) / pt.init.trials), zInit, `${pt.init.trials} trials`);
    checks.push(initAlternative ? { ...initCheck, alternative: initAlternative } : initCheck);
    checks.push({
      ...zCheck(`E‖y′‖²_rms = d₁(1 − 2/π + 2d₁/π) at d₂=${pt.d2}`, signCf, pt.signgd.mean, pt.signgd.stderr, familyThreshold(m, pt.signgd.trials - 1)),
      alternative: { label: 'd₁: 1a’s law, as if the update did not depend on x', expected: initCf },
    });
  }
  const values: Record<string, number | null> = { d1: p.d1 };
  if (points.length >= 2) {
    const zFit = familyThreshold(m);
    const init = logLogFit(points.map((pt) => ({ x: [pt.d2], mean: pt.init.mean, stderr: pt.init.stderr })));
    const sign = logLogFit(points.map((pt) => ({ x: [pt.d2], mean: pt.signgd.mean, stderr: pt.signgd.stderr })));
    checks.push(zCheck('slope of E‖Wx‖²_rms in d₂ = 0', 0, init.slopes[0]!, init.slopeStderrs[0]!, zFit));
    checks.push(zCheck('slope of E‖y′‖²_rms in d₂ = 0', 0, sign.slopes[0]!, sign.slopeStderrs[0]!, zFit));
    Object.assign(values, {
      slopeD2: finiteOrNull(init.slopes[0]!),
      slopeD2Stderr: finiteOrNull(init.slopeStderrs[0]!),
      slopeD2Signgd: finiteOrNull(sign.slopes[0]!),
      slopeD2SigngdStderr: finiteOrNull(sign.slopeStderrs[0]!),
    });
  }
  const plot = `Fixed fan-in d₁ = ${p.d1}: measured / closed form against d₂`;
  const common = { plot, xLabel: 'd₂', yLabel: 'measured / closed form', logX: true } as const;
  const series: Series[] = [];
  const ratio = (pts: Point[], key: 'init' | 'signgd', cf: number) => ({
    x: pts.map((pt) => pt.d2),
    y: pts.map((pt) => pt[key].mean / cf),
    yLow: pts.map((pt) => (pt[key].mean - Z95 * pt[key].stderr) / cf),
    yHigh: pts.map((pt) => (pt[key].mean + Z95 * pt[key].stderr) / cf),
  });
  if (points.length > 0) {
    series.push({ ...common, label: 'E‖Wx‖²_rms / d₁', ...ratio(points, 'init', initCf), kind: 'measured' });
    series.push({ ...common, label: 'E‖y′‖²_rms / (d₁(1 − 2/π + 2d₁/π))', ...ratio(points, 'signgd', signCf), kind: 'measured' });
  }
  series.push({ ...common, label: '1 (no d₂ dependence)', x: [...p.d2s], y: p.d2s.map(() => 1), kind: 'theory' });
  return {
    values,
    checks,
    series,
    tables: [
      {
        title: `Fixed fan-in d₁ = ${p.d1}`,
        columns: ['d₂', 'trials (init)', 'E‖Wx‖²_rms', 'stderr', 'closed form', 'trials (SignGD)', 'E‖y′‖²_rms', 'stderr', 'closed form'],
        rows: points.map((pt) => [pt.d2, pt.init.trials, pt.init.mean, pt.init.stderr, initCf, pt.signgd.trials, pt.signgd.mean, pt.signgd.stderr, signCf]),
      },
    ],
  };
}

/** 1c: at fixed d₁, sweeping d₂ changes neither E‖Wx‖²_rms nor E‖y′‖²_rms (slope 0). Run it with `runExperiment`;
 * parameters are validated there (ParamError). */
export const fanInOnlyExperiment = defineExperiment({
  id: 'fan-in-only',
  question: '1c',
  title: 'Only the fan-in matters',
  summary: 'Sweeps the fan-out d₂ at fixed fan-in d₁: E‖Wx‖²_rms and E‖y′‖²_rms stay put (log–log slope 0).',
  explanation:
    'Why only the fan-in: the RMS norm averages the squares of the $d_2$ outputs, $\\|y\\|^2_{rms} = \\frac{1}{d_2}\\sum_j y_j^2$, and ' +
    'each output is a sum over the $d_1$ inputs — at initialisation $y_j = \\sum_k W_{jk}x_k$, after a SignGD step ' +
    '$y\'_j = \\mathrm{sign}(g_j)\\sum_k |x_k|$. Every output is built the same way from its own row, so the $y_j^2$ are identically ' +
    'distributed and their average has the same expectation as any one of them, whatever $d_2$ is. Adding outputs adds rows, ' +
    'not terms to a sum: $d_2$ can change how much the average fluctuates, never its expectation. For $Wx$ the outputs ' +
    'share $x$, so more of them average away the rows’ randomness but not that of $\\|x\\|^2$; for SignGD every ' +
    '$y\'^2_j$ equals $(\\sum_k |x_k|)^2$, so $\\|y\'\\|^2_{rms}$ does not depend on $d_2$ at all, sample by sample. (The ' +
    'standard errors reported here grow with $d_2$: a fixed budget of multiply-adds per point buys fewer trials as $d_2$ ' +
    'grows.) That is why μP scales initialisation and learning rates by the fan-in alone.\n\n' +
    'Checks allow a family-wise false-alarm rate of 1/1000 (Šidák, Student t); the slopes are weighted log–log fits on d₂.',
  closedForm: '\\frac{\\partial}{\\partial d_2} E\\|Wx\\|^2_{\\mathrm{rms}} = \\frac{\\partial}{\\partial d_2} E\\|y\'\\|^2_{\\mathrm{rms}} = 0',
  params,
  values: {
    d1: { label: 'fan-in d₁ (fixed)', unit: '', meaning: 'The fan-in held fixed while the fan-out d₂ is swept.' },
    ...estimateWithStderr('slopeD2', {
      label: 'slope of E‖Wx‖²_rms in d₂',
      unit: '',
      meaning: 'Weighted log–log slope of E‖Wx‖²_rms against the fan-out d₂ at fixed d₁; the closed form d₁ gives 0.',
    }),
    ...estimateWithStderr('slopeD2Signgd', {
      label: 'slope of E‖y′‖²_rms in d₂',
      unit: '',
      meaning: 'Weighted log–log slope of the SignGD update’s E‖y′‖²_rms against d₂ at fixed d₁; the closed form gives 0.',
    }),
  },
  presets: { quick: { d1: 64, d2s: [1, 8, 64, 512], budget: 2 ** 17, minTrials: 64 } },
  cost: { unit: 'random numbers and multiply-adds', units: (p) => trialPlan(p).reduce((s, q) => s + work(q), 0) },
  async run(p, ctx): Promise<ExperimentOutput> {
    const base = createRng(ctx.seed);
    const points: Point[] = [];
    const plan = trialPlan(p);
    // Progress counts work (trials × cost), so it moves evenly across small and large d₂.
    const total = plan.reduce((s, q) => s + work(q), 0);
    let done = 0;
    for (const q of plan) {
      ctx.throwIfCancelled();
      const rng = base.jump().clone();
      const init = measureInitRms(rng, p.d1, q.d2, q.initTrials);
      const signgd = measureSigngdRms(rng, p.d1, q.d2, q.signTrials, 1, 'sum-of-signs', 'independent', false).train;
      points.push({ d2: q.d2, init, signgd });
      ctx.checkpoint(output(points, p));
      done += work(q);
      ctx.progress(done / total, `d₂ = ${q.d2}`);
      await yieldToEventLoop();
    }
    return output(points, p);
  },
});
