// Homework problem 1a: the RMS norm of W x at initialisation grows like the fan-in d₁ and not at all with d₂.
import { z } from 'zod';
import { createRng } from '../base/rng.js';
import type { Check, ExperimentOutput, Series, Table } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { estimateWithStderr } from '../lab/value-info.js';
import { logLogFit } from '../stats/loglog.js';
import { measureInitRms, trialsFor, type Estimate } from '../mup/measure.js';
import { yieldToEventLoop } from '../lab/run.js';
import { gridOf, orderedPairs } from '../lab/schema-rules.js';
import { familyThreshold, Z95 } from '../stats/significance.js';
import { finiteOrNull, zCheck } from '../stats/checks.js';


const dims = (what: string, def: number[]) =>
  gridOf(z.array(z.number().int().min(1).max(8192)).min(2).max(12)).default(def).describe(what);

const params = z.object({
  d1s: dims('fan-in values d₁ (columns of W)', [16, 64, 256, 1024, 4096]),
  d2s: dims('fan-out values d₂ (rows of W)', [16, 64, 256, 1024, 4096]),
  budget: z.number().int().min(1000).max(1e9).default(2 ** 22).describe('random numbers drawn per grid point (sets the trials)'),
  minTrials: z.number().int().min(4).max(1_000_000).default(8).describe('fewest trials per grid point'),
  maxTrials: z.number().int().min(4).max(1_000_000).default(20_000).describe('most trials per grid point'),
}).superRefine(orderedPairs([['minTrials', 'maxTrials']]));

/** The grid points with their trials: the budget of random numbers per point sets them, within [minTrials, maxTrials]. */
function trialPlan(p: z.output<typeof params>): { d1: number; d2: number; trials: number }[] {
  const cap = Math.max(p.minTrials, p.maxTrials);
  return p.d1s.flatMap((d1) => p.d2s.map((d2) => ({ d1, d2, trials: trialsFor(d1 * d2 + d1, p.budget, p.minTrials, cap) })));
}

/** Random numbers drawn at one grid point (W and x, every trial). */
const drawn = (g: { d1: number; d2: number; trials: number }) => g.trials * (g.d1 * g.d2 + g.d1);

/** The wrong answer each grid point is for: the squared norm without the RMS's 1/d₂, which grows with the fan-out. A
 * 5 % error in the prefactor is beyond a single large point's budget (±23 % at d₁ = 4096, d₂ = 16); the pooled
 * E‖(W/√d₁)x‖²_rms check resolves it. */
const FAN_OUT_LAW = 'd₁·d₂ = E‖Wx‖²: the RMS’s 1/d₂ forgotten (fan-out exponent 1, not 0)';

interface Point extends Estimate {
  d1: number;
  d2: number;
}

function output(points: Point[], p: z.output<typeof params>): ExperimentOutput {
  const totalChecks = p.d1s.length * p.d2s.length + 3;
  const checks: Check[] = points.map((pt) => {
    const zMax = familyThreshold(totalChecks, pt.trials - 1);
    const resolution = `resolves a relative error of ±${((100 * zMax * pt.stderr) / pt.d1).toFixed(1)} % (zMax·stderr/d₁)`;
    return { ...zCheck(`E‖Wx‖²_rms = d₁ at d₁=${pt.d1}, d₂=${pt.d2}`, pt.d1, pt.mean, pt.stderr, zMax, resolution), alternative: { label: FAN_OUT_LAW, expected: pt.d1 * pt.d2 } };
  });
  const fit = logLogFit(points.map((pt) => ({ x: [pt.d1, pt.d2], mean: pt.mean, stderr: pt.stderr })));
  const zSlope = familyThreshold(totalChecks);
  const [slopeD1 = NaN, slopeD2 = NaN] = fit.slopes;
  const [slopeD1Stderr = NaN, slopeD2Stderr = NaN] = fit.slopeStderrs;
  // W/√d₁ gives ‖(W/√d₁)x‖²_rms = ‖Wx‖²_rms/d₁ sample by sample; pooled with inverse-variance weights.
  let wSum = 0;
  let wMean = 0;
  for (const pt of points) {
    const w = (pt.d1 / pt.stderr) ** 2;
    wSum += w;
    wMean += w * (pt.mean / pt.d1);
  }
  const normalizedMean = wSum > 0 ? wMean / wSum : NaN;
  const normalizedStderr = wSum > 0 ? 1 / Math.sqrt(wSum) : NaN;
  if (Number.isFinite(slopeD1)) {
    checks.push(zCheck('slope of E‖Wx‖²_rms in d₁ (log–log, over the grid) = 1', 1, slopeD1, slopeD1Stderr, zSlope));
    checks.push(zCheck('slope of E‖Wx‖²_rms in d₂ (log–log, over the grid) = 0', 0, slopeD2, slopeD2Stderr, zSlope));
  }
  if (points.length > 0) checks.push(zCheck('E‖(W/√d₁)x‖²_rms = 1', 1, normalizedMean, normalizedStderr, zSlope, 'inverse-variance pooled over the grid'));

  const series: Series[] = [];
  for (const d2 of p.d2s) {
    const pts = points.filter((pt) => pt.d2 === d2);
    if (pts.length === 0) continue;
    series.push({
      plot: 'E‖Wx‖²_rms against the fan-in d₁',
      label: `measured, d₂ = ${d2}`,
      x: pts.map((pt) => pt.d1),
      y: pts.map((pt) => pt.mean),
      yLow: pts.map((pt) => pt.mean - Z95 * pt.stderr),
      yHigh: pts.map((pt) => pt.mean + Z95 * pt.stderr),
      xLabel: 'd₁',
      yLabel: 'E‖Wx‖²_rms',
      logX: true,
      logY: true,
      kind: 'measured',
    });
  }
  series.push({ plot: 'E‖Wx‖²_rms against the fan-in d₁', label: 'd₁ (theory)', x: [...p.d1s], y: [...p.d1s], xLabel: 'd₁', yLabel: 'E‖Wx‖²_rms', logX: true, logY: true, kind: 'theory' });
  for (const d1 of p.d1s) {
    const pts = points.filter((pt) => pt.d1 === d1);
    if (pts.length === 0) continue;
    series.push({
      plot: 'E‖Wx‖²_rms / d₁ against the fan-out d₂',
      label: `measured, d₁ = ${d1}`,
      x: pts.map((pt) => pt.d2),
      y: pts.map((pt) => pt.mean / d1),
      yLow: pts.map((pt) => (pt.mean - Z95 * pt.stderr) / d1),
      yHigh: pts.map((pt) => (pt.mean + Z95 * pt.stderr) / d1),
      xLabel: 'd₂',
      yLabel: 'E‖Wx‖²_rms / d₁',
      logX: true,
      kind: 'measured',
    });
  }
  series.push({ plot: 'E‖Wx‖²_rms / d₁ against the fan-out d₂', label: '1 (theory)', x: [...p.d2s], y: p.d2s.map(() => 1), xLabel: 'd₂', yLabel: 'E‖Wx‖²_rms / d₁', logX: true, kind: 'theory' });

  const table: Table = {
    title: 'E‖Wx‖²_rms on the grid (95 % CI = mean ± 1.96 stderr)',
    columns: ['d₁', 'd₂', 'trials', 'mean', 'stderr', 'CI low', 'CI high', 'expected d₁', 'z'],
    rows: points.map((pt) => [pt.d1, pt.d2, pt.trials, pt.mean, pt.stderr, pt.mean - Z95 * pt.stderr, pt.mean + Z95 * pt.stderr, pt.d1, (pt.mean - pt.d1) / pt.stderr]),
  };
  return {
    values: {
      slopeD1: finiteOrNull(slopeD1),
      slopeD1Stderr: finiteOrNull(slopeD1Stderr),
      slopeD2: finiteOrNull(slopeD2),
      slopeD2Stderr: finiteOrNull(slopeD2Stderr),
      normalizedMean: finiteOrNull(normalizedMean),
      normalizedMeanStderr: finiteOrNull(normalizedStderr),
      gridPoints: points.length,
      trials: points.reduce((s, pt) => s + pt.trials, 0),
    },
    checks,
    series,
    tables: [table],
  };
}

/** 1a: E‖Wx‖²_rms = d₁ over a grid of d₁ × d₂, with log–log slopes and the 1/√d₁ normalization. Run it with
 * `runExperiment`; parameters are validated there (ParamError). */
export const rmsAtInitExperiment = defineExperiment({
  id: 'rms-at-init',
  question: '1a',
  title: 'RMS norm of Wx at initialisation',
  summary: 'Measures E‖Wx‖²_rms for Gaussian W and x over a grid of fan-in d₁ and fan-out d₂: it equals d₁.',
  explanation:
    'With $W \\in \\mathbb{R}^{d_2 \\times d_1}$ and $x$ i.i.d. $N(0,1)$, each output $y_i = \\sum_k W_{ik} x_k$ has ' +
    '$E y_i^2 = \\sum_k E W_{ik}^2 E x_k^2 = d_1$ (the cross terms vanish), so $E\\|y\\|^2_{rms} = \\frac{1}{d_2} E\\|y\\|^2 = d_1$: ' +
    'it grows with the fan-in and not with the fan-out. Scaling $W$ by $1/\\sqrt{d_1}$ makes it 1 at every width.\n\n' +
    'Every grid point draws fresh $W$ and $x$ per trial (WebAssembly kernels) and reports the mean with its standard ' +
    'error; the checks allow a family-wise false-alarm rate of 1/1000 over the whole grid (Šidák, Student t with ' +
    'trials − 1 degrees of freedom). The log–log slopes come from a weighted fit of ln E‖Wx‖²_rms on ln d₁ and ln d₂.\n\n' +
    'What each check can see: one grid point is for the law — $d_1$, not $d_1 d_2$ (the squared norm without the ' +
    'RMS’s $1/d_2$) — and its note says the smallest relative error it resolves; where the matrix is large the budget ' +
    'buys few trials: at the defaults a point resolves from ±1.7 % (d₁ = d₂ = 16) to ±20–30 % (d₁ or d₂ = 4096), and ' +
    '±5 % there would take 20–40 times the draws. A 5 % error in the ' +
    'prefactor is caught by the pooled $E\\|(W/\\sqrt{d_1})x\\|^2_{rms}$ check, a wrong exponent by the slopes.',
  closedForm: 'E\\|Wx\\|^2_{\\mathrm{rms}} = d_1, \\qquad E\\Big\\|\\tfrac{W}{\\sqrt{d_1}}x\\Big\\|^2_{\\mathrm{rms}} = 1',
  params,
  values: {
    ...estimateWithStderr('slopeD1', {
      label: 'slope of E‖Wx‖²_rms in d₁',
      unit: '',
      meaning: 'Weighted log–log slope of E‖Wx‖²_rms against the fan-in d₁ over the grid; the closed form d₁ gives 1.',
      tex: '\\partial \\ln E\\|Wx\\|^2_{\\mathrm{rms}} / \\partial \\ln d_1',
    }),
    ...estimateWithStderr('slopeD2', {
      label: 'slope of E‖Wx‖²_rms in d₂',
      unit: '',
      meaning: 'Weighted log–log slope of E‖Wx‖²_rms against the fan-out d₂ over the grid; the closed form gives 0.',
      tex: '\\partial \\ln E\\|Wx\\|^2_{\\mathrm{rms}} / \\partial \\ln d_2',
    }),
    ...estimateWithStderr('normalizedMean', {
      label: 'E‖(W/√d₁)x‖²_rms',
      unit: '',
      meaning: 'The squared RMS norm with W scaled by 1/√d₁, pooled over the grid with inverse-variance weights; the closed form gives 1 at every width.',
      tex: 'E\\|(W/\\sqrt{d_1})x\\|^2_{\\mathrm{rms}}',
    }),
    gridPoints: { label: 'grid points measured', unit: '', meaning: 'How many (d₁, d₂) pairs were measured.' },
    trials: { label: 'trials, all grid points', unit: '', meaning: 'Fresh draws of W and x, summed over all grid points.' },
  },
  presets: { quick: { d1s: [16, 64, 256], d2s: [16, 64, 256], budget: 2 ** 18, minTrials: 32 } },
  cost: { unit: 'random numbers drawn', units: (p) => trialPlan(p).reduce((s, g) => s + drawn(g), 0) },
  async run(p, ctx): Promise<ExperimentOutput> {
    const base = createRng(ctx.seed);
    // Progress counts random numbers drawn, so it moves evenly even though the large points take longest.
    const grid = trialPlan(p);
    const total = grid.reduce((s, g) => s + drawn(g), 0);
    let done = 0;
    const points: Point[] = [];
    for (const g of grid) {
      ctx.throwIfCancelled();
      const rng = base.jump().clone();
      points.push({ d1: g.d1, d2: g.d2, ...measureInitRms(rng, g.d1, g.d2, g.trials) });
      ctx.checkpoint(output(points, p));
      done += drawn(g);
      ctx.progress(done / total, `d₁ = ${g.d1}, d₂ = ${g.d2}`);
      await yieldToEventLoop();
    }
    return output(points, p);
  },
});
