// Homework problem 1b: the squared RMS norm of a SignGD update's effect, y′ = sign(x gᵀ) x, grows like d₁², not d₁;
// and one step further: a batch of B inputs, summing B sign updates or taking the sign of the summed gradient.
import { z } from 'zod';
import { gridOf, orderedPairs } from '../lab/schema-rules.js';
import { createRng } from '../base/rng.js';
import type { Check, ExperimentOutput, Series, Table } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { estimateWithStderr } from '../lab/value-info.js';
import { expectedLogLogSlopes, logLogFit, type LogLogPoint } from '../stats/loglog.js';
import { measureSigngdRms, mupClosedForm, trialsFor, type BatchMode, type Estimate } from '../mup/measure.js';
import { Z95 } from '../stats/significance.js';
import { yieldToEventLoop } from '../lab/run.js';
import { familyThreshold } from '../stats/significance.js';
import { finiteOrNull, zCheck } from '../stats/checks.js';

const params = z.object({
  d1s: gridOf(z.array(z.number().int().min(1).max(8192)).min(2).max(16)).default([4, 16, 64, 256, 1024, 4096]).describe('fan-in values d₁'),
  d2: z.number().int().min(1).max(4096).default(64).describe('fan-out d₂ (rows of the update)'),
  batches: z.array(z.number().int().min(1).max(256)).max(6).default([1, 4, 32]).describe('batch sizes B (1 is the homework)'),
  gradients: z.enum(['independent', 'shared']).default('independent').describe('per-example output gradients g_b, or one g for all'),
  budget: z.number().int().min(1000).max(1e9).default(2 ** 21).describe('multiply-adds per grid point (sets the trials)'),
  minTrials: z.number().int().min(4).max(1_000_000).default(16).describe('fewest trials per grid point'),
  maxTrials: z.number().int().min(4).max(1_000_000).default(20_000).describe('most trials per grid point'),
}).superRefine(orderedPairs([['minTrials', 'maxTrials']]));
type Params = z.output<typeof params>;

interface Point {
  d1: number;
  batch: number;
  mode: BatchMode;
  train: Estimate;
  fresh: Estimate;
}

const MODES: BatchMode[] = ['sum-of-signs', 'sign-of-sum'];
const c2 = (d1: number) => Math.PI / 2 / (d1 * d1);

function grid(p: Params): { d1: number; batch: number; mode: BatchMode }[] {
  const batches = [...new Set([1, ...p.batches])].sort((a, b) => a - b);
  return batches.flatMap((batch) => (batch === 1 ? ['sum-of-signs' as const] : MODES).flatMap((mode) => p.d1s.map((d1) => ({ d1, batch, mode }))));
}

/** Multiply-adds of one trial at a grid point. */
const trialCost = (p: Params, t: { d1: number; batch: number }) => t.d1 * p.d2 * (t.batch + 1);

/** Every grid point with its trials: the budget of multiply-adds per point sets them, within [minTrials, maxTrials]. */
function trialPlan(p: Params): { d1: number; batch: number; mode: BatchMode; trials: number }[] {
  const cap = Math.max(p.minTrials, p.maxTrials);
  return grid(p).map((t) => ({ ...t, trials: trialsFor(trialCost(p, t), p.budget, p.minTrials, cap) }));
}

function slopeOf(pts: Point[], batch: number, mode: BatchMode): { slope: number; stderr: number; expected: number } {
  const lp: LogLogPoint[] = pts.map((pt) => ({ x: [pt.d1], mean: pt.train.mean, stderr: pt.train.stderr }));
  const fit = logLogFit(lp);
  const [expected = NaN] = expectedLogLogSlopes(lp, ([d1]) => mupClosedForm.signgdTrain(d1!, batch, mode));
  return { slope: fit.slopes[0] ?? NaN, stderr: fit.slopeStderrs[0] ?? NaN, expected };
}

function output(points: Point[], p: Params): ExperimentOutput {
  const batches = [...new Set([1, ...p.batches])].sort((a, b) => a - b);
  const extra = batches.filter((b) => b > 1);
  const m = p.d1s.length + 3 + extra.length * MODES.length * 4;
  const zFit = familyThreshold(m);
  const checks: Check[] = [];
  const homework = points.filter((pt) => pt.batch === 1);
  for (const pt of homework) {
    checks.push(
      zCheck(`E‖y′‖²_rms = d₁(1 − 2/π + 2d₁/π) at d₁=${pt.d1}`, mupClosedForm.signgdTrain(pt.d1), pt.train.mean, pt.train.stderr, familyThreshold(m, pt.train.trials - 1)),
    );
  }
  const values: Record<string, number | null> = {};
  if (homework.length >= 2) {
    const top = slopeOf(homework.slice(-2), 1, 'sum-of-signs');
    checks.push(zCheck(`slope of E‖y′‖²_rms in d₁ (between the two largest d₁) = closed form's local slope`, top.expected, top.slope, top.stderr, zFit, 'tends to 2 as d₁ grows'));
    const all = slopeOf(homework, 1, 'sum-of-signs');
    checks.push(zCheck(`slope of E‖y′‖²_rms in d₁ over the grid = closed form's slope on the grid`, all.expected, all.slope, all.stderr, zFit));
    Object.assign(values, {
      slopeD1: finiteOrNull(top.slope),
      slopeD1Stderr: finiteOrNull(top.stderr),
      slopeD1Expected: finiteOrNull(top.expected),
      slopeD1Grid: finiteOrNull(all.slope),
      slopeD1GridStderr: finiteOrNull(all.stderr),
    });
  }
  const last = homework.at(-1);
  if (last) {
    const k = c2(last.d1);
    checks.push(
      zCheck(`E‖y′‖²_rms scaled by (π/2)/d₁² = 1 + (π/2 − 1)/d₁ at d₁=${last.d1}`, mupClosedForm.signgdNormalized(last.d1), k * last.train.mean, k * last.train.stderr, familyThreshold(m, last.train.trials - 1)),
    );
    Object.assign(values, {
      normalizedMean: k * last.train.mean,
      normalizedMeanStderr: k * last.train.stderr,
      normalizedMeanExpected: mupClosedForm.signgdNormalized(last.d1),
      largestD1: last.d1,
    });
  }
  for (const batch of extra) {
    // Both combinations cross over from the d₁ law to the d₁² law at the same d₁ = πB/2 − 1.
    values[`crossoverD1B${batch}`] = (Math.PI * batch) / 2 - 1;
    for (const mode of MODES) {
      const pts = points.filter((pt) => pt.batch === batch && pt.mode === mode);
      if (pts.length === 0) continue;
      const tag = `B=${batch} ${mode}`;
      for (const pt of [pts[0]!, ...(pts.length > 1 ? [pts.at(-1)!] : [])]) {
        checks.push(zCheck(`${tag}: E‖ΔW x_b‖²_rms at d₁=${pt.d1}`, mupClosedForm.signgdTrain(pt.d1, batch, mode), pt.train.mean, pt.train.stderr, familyThreshold(m, pt.train.trials - 1)));
      }
      const lastPt = pts.at(-1)!;
      // A fresh input is not aligned with the update: the wrong answer this row is for is the batch's own law.
      checks.push({
        ...zCheck(`${tag}: fresh input E‖ΔW x‖²_rms at d₁=${lastPt.d1}`, mupClosedForm.signgdFresh(lastPt.d1, batch, mode), lastPt.fresh.mean, lastPt.fresh.stderr, familyThreshold(m, lastPt.fresh.trials - 1)),
        alternative: { label: 'the batch’s own law E‖ΔW x_b‖²_rms (a fresh input taken as aligned with the update)', expected: mupClosedForm.signgdTrain(lastPt.d1, batch, mode) },
      });
      if (pts.length >= 2) {
        const s = slopeOf(pts, batch, mode);
        checks.push(zCheck(`${tag}: slope over the grid = closed form's`, s.expected, s.slope, s.stderr, zFit));
        values[`slopeD1B${batch}${mode === 'sum-of-signs' ? 'SumOfSigns' : 'SignOfSum'}`] = finiteOrNull(s.slope);
      }
    }
  }

  const band = (pts: Point[], f: (d1: number) => number = () => 1) => ({
    yLow: pts.map((pt) => (pt.train.mean - Z95 * pt.train.stderr) / f(pt.d1)),
    yHigh: pts.map((pt) => (pt.train.mean + Z95 * pt.train.stderr) / f(pt.d1)),
  });
  const axes = { xLabel: 'd₁', logX: true } as const;
  const series: Series[] = [];
  const main = 'E‖y′‖²_rms against d₁ (B = 1)';
  if (homework.length > 0) {
    series.push({ plot: main, label: 'measured', x: homework.map((pt) => pt.d1), y: homework.map((pt) => pt.train.mean), ...band(homework), ...axes, yLabel: 'E‖y′‖²_rms', logY: true, kind: 'measured' });
  }
  series.push(
    { plot: main, label: 'd₁(1 − 2/π + 2d₁/π)', x: [...p.d1s], y: p.d1s.map((d) => mupClosedForm.signgdTrain(d)), ...axes, yLabel: 'E‖y′‖²_rms', logY: true, kind: 'theory' },
    { plot: main, label: 'd₁ (the answer that dropped the square)', x: [...p.d1s], y: [...p.d1s], ...axes, yLabel: 'E‖y′‖²_rms', logY: true, kind: 'theory' },
  );
  const norm = 'Scaled by (1/d₁)√(π/2)';
  if (homework.length > 0) {
    series.push({ plot: norm, label: 'measured', x: homework.map((pt) => pt.d1), y: homework.map((pt) => c2(pt.d1) * pt.train.mean), ...band(homework, (d) => 1 / c2(d)), ...axes, yLabel: 'E‖c·y′‖²_rms', kind: 'measured' });
  }
  series.push({ plot: norm, label: '1 + (π/2 − 1)/d₁', x: [...p.d1s], y: p.d1s.map(mupClosedForm.signgdNormalized), ...axes, yLabel: 'E‖c·y′‖²_rms', kind: 'theory' });
  const batchPlot = 'Batch of B: E‖ΔW x_b‖²_rms / d₁ (slope 1 = the d₁² law)';
  for (const batch of batches) {
    for (const mode of batch === 1 ? (['sum-of-signs'] as const) : MODES) {
      const pts = points.filter((pt) => pt.batch === batch && pt.mode === mode);
      const label = batch === 1 ? 'B = 1' : `B = ${batch}, ${mode}`;
      if (pts.length > 0) {
        series.push({ plot: batchPlot, label, x: pts.map((pt) => pt.d1), y: pts.map((pt) => pt.train.mean / pt.d1), ...band(pts, (d) => d), ...axes, yLabel: 'E‖ΔW x_b‖²_rms / d₁', logY: true, kind: 'measured' });
      }
      series.push({ plot: batchPlot, label: `${label} (theory)`, x: [...p.d1s], y: p.d1s.map((d) => mupClosedForm.signgdTrain(d, batch, mode) / d), ...axes, yLabel: 'E‖ΔW x_b‖²_rms / d₁', logY: true, kind: 'theory' });
    }
  }
  const table: Table = {
    title: `SignGD update, d₂ = ${p.d2}, gradients ${p.gradients}: E‖ΔW x_b‖²_rms on the batch, and on a fresh x`,
    columns: ['B', 'combine', 'd₁', 'trials', 'measured', 'stderr', 'closed form', 'z', 'fresh x', 'fresh stderr', 'fresh closed form'],
    rows: points.map((pt) => {
      const cf = mupClosedForm.signgdTrain(pt.d1, pt.batch, pt.mode);
      return [pt.batch, pt.batch === 1 ? 'sign(g xᵀ)' : pt.mode, pt.d1, pt.train.trials, pt.train.mean, pt.train.stderr, cf, (pt.train.mean - cf) / pt.train.stderr, pt.fresh.mean, pt.fresh.stderr, mupClosedForm.signgdFresh(pt.d1, pt.batch, pt.mode)];
    }),
  };
  return { values, checks, series, tables: [table] };
}

/** 1b: E‖y′‖²_rms = d₁(1 − 2/π + 2d₁/π) for the SignGD update, plus batches of B (sum of signs vs sign of sum).
 * Run it with `runExperiment`; parameters are validated there (ParamError). */
export const signgdUpdateExperiment = defineExperiment({
  id: 'signgd-update',
  question: '1b',
  title: 'Squared RMS norm of a SignGD update’s effect: ∝ d₁², not d₁',
  summary: 'Measures E‖y′‖²_rms for y′ = sign(x gᵀ) x over d₁ (and for batches of B inputs) against the closed forms.',
  explanation:
    'The SignGD update of $W$ for input $x$ and output gradient $g$ is $\\Delta W = \\mathrm{sign}(g x^\\top)$, and its effect ' +
    'on the output is $y\' = \\Delta W x$, with $y\'_j = \\mathrm{sign}(g_j) \\sum_k |x_k|$. So $\\|y\'\\|^2_{rms} = (\\sum_k |x_k|)^2$ and ' +
    '$E\\|y\'\\|^2_{rms} = d_1 E x^2 + d_1(d_1 - 1)(E|x|)^2 = d_1(1 - 2/\\pi) + 2d_1^2/\\pi$: the update is aligned with $x$, so the ' +
    'd₁ terms add coherently. The answer "$d_1$, scale by $1/\\sqrt{d_1}$" took $E(\\sum|x_k|)^2$ for $\\sum E x_k^2$; the right scale ' +
    'is $(1/d_1)\\sqrt{\\pi/2}$, which gives $1 + (\\pi/2 - 1)/d_1$.\n\n' +
    'A batch of B inputs ($g_b$ independent N(0, I), or one shared $g$: the closed forms are the same): summing the B sign ' +
    'updates gives, on a batch input, $E = 2d_1^2/\\pi + d_1(B - 2/\\pi)$ (one aligned term, B − 1 unaligned ones of size $d_1$); the ' +
    'sign of the summed gradient gives $E = 2d_1^2/(\\pi B) + d_1(1 - 2/(\\pi B))$ (each entry of $\\Delta W$ agrees with $x_b$ with ' +
    'correlation $\\sqrt{2/(\\pi B)}$). Both follow the d₁² law only for $d_1 \\gg \\pi B/2 - 1$, where they cross over from the d₁ law; ' +
    'on a fresh input the update is unaligned and the law is linear: $B d_1$ and $d_1$.\n\n' +
    'Checks allow a family-wise false-alarm rate of 1/1000 (Šidák, Student t); slopes are weighted log–log fits compared ' +
    'with the closed form fitted the same way.',
  closedForm:
    'E\\|y\'\\|^2_{\\mathrm{rms}} = d_1\\Big(1 - \\frac{2}{\\pi} + \\frac{2 d_1}{\\pi}\\Big), \\qquad ' +
    'E\\Big\\|\\tfrac{1}{d_1}\\sqrt{\\tfrac{\\pi}{2}}\\,y\'\\Big\\|^2_{\\mathrm{rms}} = 1 + \\frac{\\pi/2 - 1}{d_1}',
  params,
  values: {
    ...estimateWithStderr('slopeD1', {
      label: 'local slope of E‖y′‖²_rms in d₁',
      unit: '',
      meaning: 'Log–log slope of E‖y′‖²_rms between the two largest d₁ (B = 1); it tends to 2 as d₁ grows (the d₁² law).',
      tex: '\\partial \\ln E\\|y\'\\|^2_{\\mathrm{rms}} / \\partial \\ln d_1',
    }),
    slopeD1Expected: { label: 'closed form’s local slope in d₁', unit: '', meaning: 'The slope of d₁(1 − 2/π + 2d₁/π) between the same two d₁ (a little under 2).' },
    ...estimateWithStderr('slopeD1Grid', {
      label: 'slope of E‖y′‖²_rms in d₁ over the grid',
      unit: '',
      meaning: 'Weighted log–log slope over every d₁ of the grid (B = 1), compared with the closed form’s slope on the same grid.',
    }),
    ...estimateWithStderr('normalizedMean', {
      label: 'E‖y′‖²_rms scaled by (π/2)/d₁² at the largest d₁',
      unit: '',
      meaning: 'The update’s squared RMS effect with SignGD scaled by (1/d₁)√(π/2); the closed form 1 + (π/2 − 1)/d₁ tends to 1.',
    }),
    normalizedMeanExpected: { label: 'closed form of the scaled E‖y′‖²_rms', unit: '', meaning: '1 + (π/2 − 1)/d₁ at the largest d₁.' },
    largestD1: { label: 'largest fan-in d₁', unit: '', meaning: 'The d₁ at which the scaled mean was measured.' },
    'crossoverD1B{B}': {
      label: 'crossover fan-in at B = {B}',
      unit: '',
      meaning: 'd₁ = πB/2 − 1 for B = {B}: below it a batch update grows like d₁, above it like d₁² (both ways of combining the batch).',
    },
    'slopeD1B{B}SumOfSigns': {
      label: 'slope in d₁, B = {B}, sum of signs',
      unit: '',
      meaning: 'Log–log slope over the d₁ grid of E‖ΔW x_b‖²_rms when the update sums the signs of {B} per-example gradients.',
    },
    'slopeD1B{B}SignOfSum': {
      label: 'slope in d₁, B = {B}, sign of sum',
      unit: '',
      meaning: 'Log–log slope over the d₁ grid of E‖ΔW x_b‖²_rms when the update takes the sign of the summed gradient of {B} examples.',
    },
  },
  presets: { quick: { d1s: [4, 16, 64, 256], d2: 16, batches: [1, 4], budget: 2 ** 16, minTrials: 64 } },
  cost: { unit: 'multiply-adds', units: (p) => trialPlan(p).reduce((s, t) => s + t.trials * trialCost(p, t), 0) },
  async run(p, ctx): Promise<ExperimentOutput> {
    const base = createRng(ctx.seed);
    // Progress counts multiply-adds (trials × cost), so it moves evenly across small and large points.
    const todo = trialPlan(p);
    const totalCost = todo.reduce((s, t) => s + t.trials * trialCost(p, t), 0);
    let done = 0;
    const points: Point[] = [];
    for (const t of todo) {
      ctx.throwIfCancelled();
      const rng = base.jump().clone();
      points.push({ d1: t.d1, batch: t.batch, mode: t.mode, ...measureSigngdRms(rng, t.d1, p.d2, t.trials, t.batch, t.mode, p.gradients) });
      ctx.checkpoint(output(points, p));
      done += t.trials * trialCost(p, t);
      ctx.progress(done / totalCost, `B = ${t.batch}${t.batch > 1 ? ` ${t.mode}` : ''}, d₁ = ${t.d1}`);
      await yieldToEventLoop();
    }
    return output(points, p);
  },
});
