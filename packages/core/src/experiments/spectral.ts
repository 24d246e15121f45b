// Homework 2c (Yang, Simon & Bernstein 2023): across widths, per layer, the spectral norm of W at init and of the
// first update ΔW against √(fan_out/fan_in), the alignment ‖ΔW h‖/(‖ΔW‖_*‖h‖) (exactly 1 for a batch of one), and
// the RMS of features h and of their change Δh (flat in width under μP: Desideratum 1).
import { z } from 'zod';
import { loadDataset } from '../mup/data.js';
import { MlpModel } from '../mup/model.js';
import type { ParameterizationId } from '../mup/parameterization.js';
import { alignmentRatio, rms } from '../mup/spectral.js';
import { topSingularValue } from '../mup/lanczos.js';
import type { TensorName } from '../mup/tensor-plan.js';
import { fixedBatch } from '../mup/train.js';
import { Rng } from '../base/rng.js';
import type { Check, ExperimentOutput, Series, Table } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { yieldToEventLoop } from '../lab/run.js';
import { datasetInputDim, mlpMultiplyAdds } from './training-cost.js';
import { exactCheck, zCheck } from '../stats/checks.js';
import { linearFit } from '../stats/linear-fit.js';
import { RunningStats } from '../stats/running-stats.js';
import { familyThreshold } from '../stats/significance.js';
import { gaussianEdgeLaw } from '../mup/spectral-edge.js';
import { log2Det } from '../libm/index.js';

const params = z.object({
  dataset: z.enum(['mnist', 'synthetic']).default('mnist').describe('where the batch comes from'),
  widths: z.array(z.number().int().min(16).max(4096)).min(2).max(8).default([128, 256, 512, 1024, 2048]).describe('widths, ascending'),
  baseWidth: z.number().int().min(1).max(4096).default(128).describe('base width (μP = SP there)'),
  lr: z.number().positive().max(10).default(0.1).describe('SGD learning rate of the one step'),
  batchSize: z.number().int().min(2).max(512).default(64).describe('the larger batch (a batch of one is always measured too)'),
  iterations: z.number().int().min(5).max(500).default(300).describe('at most this many Lanczos steps per spectral norm (each stops once its residual bound certifies 1e-5)'),
  seeds: z.number().int().min(1).max(32).default(4).describe('initialisations averaged per width (coord-check style)'),
});
type Params = z.output<typeof params>;

const PARAMS: ParameterizationId[] = ['sp', 'mup'];
const LOG_BAND = log2Det(1.2);
/** Lanczos steps a spectral norm typically takes to certify 1e-5 here (for the cost estimate; the cap is `iterations`). */
const TYPICAL_LANCZOS_STEPS = 60;
const LABEL: Record<string, string> = { sp: 'SP', mup: 'μP' };
const LAYERS: { w: TensorName; input: 'x' | 'h1' | 'h2'; output: 'h1' | 'h2' | 'logits' }[] = [
  { w: 'W1', input: 'x', output: 'h1' },
  { w: 'W2', input: 'h1', output: 'h2' },
  { w: 'W3', input: 'h2', output: 'logits' },
];

interface Row {
  sigma: number;
  fanIn: number;
  fanOut: number;
  pz: ParameterizationId;
  width: number;
  layer: TensorName;
  target: number;
  normW: number;
  /** Lanczos residual bound of normW relative to normW² (certified below 1e-5 unless the step cap was hit). */
  normWResidual: number;
  normDW: number;
  align1: number;
  alignB: number;
  rmsH: number;
  rmsDH: number;
  /** RMS of ΔW·h (input after the step): the part of Δh that flows through this layer's weight update. */
  rmsDWh: number;
}

/** Checks decided by a z (or t) statistic, which share the experiment's family-wise false-alarm rate (Šidák). */
const STATISTICAL_CHECKS = 4;

/** RMS over the batch of ΔW·h: ΔW is (r, c), h is (B, c) row-major. */
function rmsUpdateTerm(dW: Float32Array, r: number, c: number, h: Float32Array): number {
  const B = h.length / c;
  let s = 0;
  for (let b = 0; b < B; b++)
    for (let i = 0; i < r; i++) {
      let t = 0;
      for (let j = 0; j < c; j++) t += dW[i * c + j]! * h[b * c + j]!;
      s += t * t;
    }
  return Math.sqrt(s / (B * r));
}

/**
 * Least-squares slope of log₂ y against log₂ width over every (initialisation, width) point, with its residual-based
 * standard error: each width has its own initialisations, so the scatter between them is the noise of the slope.
 */
function slopeOverInits(rows: Row[], pz: ParameterizationId, layer: TensorName, f: (r: Row) => number) {
  const mine = rows.filter((r) => r.pz === pz && r.layer === layer);
  const fit = linearFit(mine.map((r) => log2Det(r.width)), mine.map((r) => log2Det(f(r))));
  return { slope: fit.slope, stderr: fit.slopeStderr };
}

function oneStep(model: MlpModel, x: Float32Array, y: Int32Array, rows: number) {
  const before = Object.fromEntries(LAYERS.map((l) => [l.w, model.read(l.w)])) as Record<TensorName, Float32Array>;
  model.setBatch(x, y, rows);
  model.forward();
  const acts = { x: x.slice(0, rows * model.shape.inputDim), h1: model.activation('h1'), h2: model.activation('h2'), logits: model.activation('logits') };
  model.backward();
  model.step();
  model.forward();
  const after = { h1: model.activation('h1'), h2: model.activation('h2'), logits: model.activation('logits') };
  const dW = Object.fromEntries(
    LAYERS.map((l) => {
      // In place, without a per-element closure: at width 2048 this loop runs over 4 M entries per step.
      const d = model.read(l.w);
      const b = before[l.w];
      for (let i = 0; i < d.length; i++) d[i] = d[i]! - b[i]!;
      return [l.w, d];
    }),
  ) as Record<TensorName, Float32Array>;
  return { acts, after, dW };
}

/** 2c: the spectral condition — weight and update norms, alignment and feature RMS across widths. */
export const spectralExperiment = defineExperiment({
  id: 'spectral',
  question: '2c',
  parts: ['2c'],
  title: 'The spectral condition: ‖W‖_*, ‖ΔW‖_*, alignment and feature RMS across widths',
  summary: 'Measures per-layer spectral norms at init and after one SGD step against √(fan_out/fan_in), the alignment of the update with its input, and the RMS of h and Δh.',
  explanation:
    'Condition 1 of Yang, Simon & Bernstein asks $\\|W_\\ell\\|_* = \\Theta(\\sqrt{n_\\ell/n_{\\ell-1}})$ and the same for ' +
    'the update $\\Delta W_\\ell$; then features and their updates have $\\Theta(1)$ RMS (Desideratum 1). Norms here are ' +
    'found by Lanczos on the WebAssembly matrix–vector kernels, each run until its residual bound certifies it to ' +
    '$10^{-5}$.\n\n' +
    'At init a Gaussian $W$ ($m\\times n$, entries $N(0,\\sigma^2)$) has $\\|W\\|_* \\approx \\sigma(\\sqrt m + \\sqrt n)$ only to ' +
    'leading order: the Tracy–Widom edge puts its mean lower (by 4 % for the $10\\times 128$ readout) and spreads it (3.4 % ' +
    'per draw there). The check compares the mean of measured/predicted with 1, the prediction including that ' +
    'correction (Johnstone 2001) and the standard error taken from the draws.\n\n' +
    'For a batch of one, SGD’s update $\\Delta W = -\\eta\\, g h^\\top$ is rank one with $h$ as its right singular ' +
    'vector, so $\\|\\Delta W h\\| = \\|\\Delta W\\|_*\\|h\\|$ exactly: the alignment ratio is 1. A larger batch sums ' +
    'several such terms; the update is then only approximately low rank and the ratio drops below 1.\n\n' +
    'Under SP the output layer has $\\|W_3\\|_* \\approx 1$ instead of $\\sqrt{10/n}$, and its update grows with width: ' +
    'the readout’s own term $\\Delta W_3 h_2 = -\\eta\\, g\\, (h_2^\\top h_2)/B \\propto n$, so the logits move by $\\Theta(n)$ ' +
    'after one step; under μP every layer keeps its target scale. The logits’ change also holds the bias step and ' +
    '$W_3\\Delta h_2$, which are $\\Theta(1)$ under SP and still dominate below $n \\approx 1000$; so the $\\Theta(n)$ claim ' +
    'is checked on the readout term, by its log–log slope over all widths (theory 1, z-check). Under μP the slope is ' +
    'only 0 in the limit: at these widths a $1/\\sqrt{n}$ correction (the init logits, and $W_3\\Delta h_2$) makes it ' +
    'about −0.2, so μP is judged by which growth law holds — slope nearer 0 than ±1.',
  closedForm: '\\|W_\\ell\\|_*,\\ \\|\\Delta W_\\ell\\|_* = \\Theta\\!\\left(\\sqrt{n_\\ell / n_{\\ell-1}}\\right),\\qquad \\frac{\\|\\Delta W h\\|}{\\|\\Delta W\\|_*\\|h\\|} = 1\\ (\\text{batch } 1)',
  params,
  values: {
    maxAlignmentBatch1Error: { label: 'largest |alignment − 1|, batch of one', unit: '', meaning: 'A rank-one update is perfectly aligned with its input: ‖ΔW h‖/(‖ΔW‖_*‖h‖) = 1 up to float32 rounding.' },
    maxAlignmentBatchB: { label: 'largest alignment, batch of B', unit: '', meaning: 'The largest ‖ΔW h‖/(‖ΔW‖_*‖h‖) over layers, widths and initialisations with a batch of B (at most 1).' },
    spLogitDeltaRatio: { label: 'SP logit change ratio, two widest widths', unit: '', meaning: 'RMS Δlogits after one step at the widest width divided by the next widest, under SP.' },
    spReadoutSlope: { label: 'SP readout update slope in width', unit: '', meaning: 'Log–log slope of the RMS of ΔW₃·h₂ against the width under SP; theory Θ(n), slope 1.' },
    mupReadoutSlope: { label: 'μP readout update slope in width', unit: '', meaning: 'Log–log slope of the RMS of ΔW₃·h₂ against the width under μP; Θ(1) means nearer 0 than ±1.' },
    mupLogitSlope: { label: 'μP logit change slope in width', unit: '', meaning: 'Log–log slope of RMS Δlogits against the width under μP; Θ(1) means nearer 0 than ±1.' },
  },
  presets: { quick: { widths: [128, 512, 2048], seeds: 3 } },
  cost: {
    unit: 'multiply-adds (one step, Lanczos)',
    // Per initialisation, parameterization and width: one SGD step with the batch and one with a single example
    // (3 × the forward's multiply-adds per example), and 9 spectral norms (W, ΔW for both batches, 3 layers) by Lanczos,
    // two matvecs a step, most stopping well before `iterations` once certified.
    units: (p) => 2 * p.seeds * p.widths.reduce((s, w) => s + (3 * (p.batchSize + 1) + 9 * 2 * Math.min(p.iterations, TYPICAL_LANCZOS_STEPS)) * mlpMultiplyAdds(datasetInputDim(p.dataset), w), 0),
  },
  async run(p: Params, ctx): Promise<ExperimentOutput> {
    const dataset = await loadDataset(p.dataset);
    const B = p.batchSize;
    const { x, y } = fixedBatch(dataset, B);
    const widths = [...p.widths].sort((a, b) => a - b);
    const perSeed: Row[] = [];
    const total = PARAMS.length * widths.length * p.seeds;
    let done = 0;
    for (let s = 0; s < p.seeds; s++)
    for (const pz of PARAMS) {
      for (const width of widths) {
        ctx.throwIfCancelled();
        const model = new MlpModel({ inputDim: dataset.inputDim, width, classes: dataset.classes }, { parameterization: pz, baseWidth: p.baseWidth }, { kind: 'sgd', lr: p.lr }, B);
        try {
          const power = Rng.fromSeed(ctx.seed + 1);
          model.initialize(Rng.fromSeed(ctx.seed).stream(s));
          const init = Object.fromEntries(LAYERS.map((l) => [l.w, topSingularValue(model.read(l.w), model.tensors[l.w].plan.rows, model.tensors[l.w].plan.cols, power, { maxSteps: p.iterations })]));
          const big = oneStep(model, x, y, B);
          model.initialize(Rng.fromSeed(ctx.seed).stream(s));
          const one = oneStep(model, x, y, 1);
          for (const l of LAYERS) {
            const { rows: r, cols: c, fanIn, fanOut } = model.tensors[l.w].plan;
            const normDW = topSingularValue(big.dW[l.w], r, c, power, { maxSteps: p.iterations }).sigma;
            const norm1 = topSingularValue(one.dW[l.w], r, c, power, { maxSteps: p.iterations }).sigma;
            const h0 = big.acts[l.input].slice(0, c);
            const hOne = one.acts[l.input].slice(0, c);
            perSeed.push({
              sigma: model.tensors[l.w].plan.initStd,
              fanIn,
              fanOut,
              pz,
              width,
              layer: l.w,
              target: Math.sqrt(fanOut / fanIn),
              normW: init[l.w]!.sigma,
              normWResidual: init[l.w]!.residual / init[l.w]!.sigma ** 2,
              normDW,
              align1: alignmentRatio(one.dW[l.w], r, c, hOne, norm1),
              alignB: alignmentRatio(big.dW[l.w], r, c, h0, normDW),
              rmsH: rms(big.acts[l.output]),
              rmsDH: rms(big.after[l.output].map((v, i) => v - big.acts[l.output][i]!)),
              // Only the readout's term is used (and cheap: 10 rows); the hidden layers' would cost a full matmul each.
              rmsDWh: l.w === 'W3' ? rmsUpdateTerm(big.dW.W3, r, c, big.after.h2) : NaN,
            });
          }
        } finally {
          model.free();
        }
        ctx.progress(++done / total, `${LABEL[pz]} width ${width}, init ${s + 1} of ${p.seeds}`);
        await yieldToEventLoop();
      }
    }
    // Checks and figures read means over the initialisations (as microsoft/mup's coord check does): one draw's ratio
    // between two widths is too noisy for a fixed ±log₂ 1.2 band. The batch-of-one alignment is checked on every draw.
    const rows: Row[] = perSeed.slice(0, perSeed.length / p.seeds).map((first) => {
      const same = perSeed.filter((r) => r.pz === first.pz && r.width === first.width && r.layer === first.layer);
      const mean = (f: (r: Row) => number) => same.reduce((t, r) => t + f(r), 0) / same.length;
      return { ...first, normW: mean((r) => r.normW), normDW: mean((r) => r.normDW), align1: mean((r) => r.align1), alignB: mean((r) => r.alignB), rmsH: mean((r) => r.rmsH), rmsDH: mean((r) => r.rmsDH), rmsDWh: mean((r) => r.rmsDWh) };
    });
    const series: Series[] = [];
    const pick = (pz: string, layer: string) => widths.map((w) => rows.find((r) => r.pz === pz && r.width === w && r.layer === layer)!);
    for (const pz of PARAMS)
      for (const l of LAYERS) {
        const rs = pick(pz, l.w);
        const common = { x: widths, xLabel: 'width', logX: true, logY: true, kind: 'measured' as const };
        series.push({ ...common, plot: `${LABEL[pz]}: ‖W‖_* / √(fan_out/fan_in) at init`, label: l.w, y: rs.map((r) => r.normW / r.target), yLabel: 'ratio' });
        series.push({ ...common, plot: `${LABEL[pz]}: ‖ΔW‖_* / √(fan_out/fan_in) after one step`, label: l.w, y: rs.map((r) => r.normDW / r.target), yLabel: 'ratio' });
        series.push({ ...common, plot: `${LABEL[pz]}: RMS of Δh after one step`, label: l.output, y: rs.map((r) => r.rmsDH), yLabel: 'RMS Δh' });
        series.push({ ...common, logY: false, plot: `${LABEL[pz]}: alignment ‖ΔW h‖/(‖ΔW‖_*‖h‖), batch ${B}`, label: l.w, y: rs.map((r) => r.alignB), yLabel: 'alignment' });
      }
    const checks: Check[] = [];
    const worst1 = perSeed.reduce((m, r) => Math.max(m, Math.abs(r.align1 - 1)), 0);
    checks.push(exactCheck('batch of one: alignment = 1 for every layer, width and parameterization (max |ratio − 1|)', 0, worst1, 1e-4, 'rank-one update; float32 rounding'));
    const maxB = perSeed.reduce((m, r) => Math.max(m, r.alignB), 0);
    const [wa, wb] = [widths[widths.length - 2]!, widths[widths.length - 1]!];
    const ratio = (pz: string, layer: string, f: (r: Row) => number) => {
      const a = rows.find((r) => r.pz === pz && r.width === wa && r.layer === layer)!;
      const b = rows.find((r) => r.pz === pz && r.width === wb && r.layer === layer)!;
      return f(b) / f(a);
    };
    // A Gaussian init has ‖W‖_* = σ(√fan_out + √fan_in) only to leading order: at these sizes the Tracy–Widom edge sits
    // up to 4 % below it on average and fluctuates by up to 3.4 % per draw (spectral-edge.ts). Each layer is checked
    // by the mean over draws of measured/predicted (predicted with the edge correction) against 1, its standard error
    // from the draws' own scatter. Only SP's draws count: μP's init of the same stream is the same Gaussian matrix
    // rescaled, so its ratios repeat SP's and would halve the standard error falsely.
    const zMax = (dof: number) => familyThreshold(STATISTICAL_CHECKS, dof);
    const uncertified = perSeed.filter((r) => !(r.normWResidual <= 1e-5)).length;
    for (const l of LAYERS) {
      const ratios = new RunningStats();
      for (const r of perSeed) if (r.pz === 'sp' && r.layer === l.w) ratios.push(r.normW / gaussianEdgeLaw(r.sigma, r.fanOut, r.fanIn).mean);
      const shape = l.w === 'W3' ? `10 × n` : l.w === 'W1' ? `n × ${perSeed.find((r) => r.layer === 'W1')!.fanIn}` : 'n × n';
      checks.push(
        zCheck(
          `${l.w} (${shape}): ‖W‖_* at init = σ(√fan_out + √fan_in) with its Tracy–Widom edge correction (mean of measured/predicted over ${ratios.n} draws)`,
          1,
          ratios.mean,
          ratios.stderr,
          zMax(ratios.n - 1),
          `predicted mean σ(√m′ + √n′ + (c/2)·E TW₁), m′ = m − ½, n′ = n − ½, c = (1/√m′ + 1/√n′)^{1/3} (Johnstone); ` +
            `the leading order alone is ${(100 * (1 - perSeed.filter((r) => r.pz === 'sp' && r.layer === l.w).reduce((t, r) => t + gaussianEdgeLaw(r.sigma, r.fanOut, r.fanIn).mean / gaussianEdgeLaw(r.sigma, r.fanOut, r.fanIn).leading, 0) / ratios.n)).toFixed(1)} % high here on average; ` +
            `‖W‖_* by Lanczos, ${uncertified === 0 ? 'every norm certified to 1e-5 (residual bound)' : `${uncertified} norms not certified within ${p.iterations} steps`}`,
        ),
      );
    }
    // What each flatness check is for (its power in the calibration report). Where SP's run differs from μP's at these
    // widths (W3's norm; Δh₁, which shrinks like 1/√n under SP), that run, measured here. W2's init is the same under
    // both, so there it is the law a wrong init variance (∝ 1 instead of 1/fan_in) gives: ‖W‖_* ∝ √n. SP's Δh₂ is the
    // sum of a √n term (ΔW₂h₁) and a 1/√n one (W₂Δh₁) that still dominates below a few thousand, so SP's run is about as
    // flat as μP's here; the check is for the law ∝ √n, log₂ ratio ½·log₂(wb/wa), and SP's ratio is in its note.
    const halfSpan = log2Det(wb / wa) / 2;
    const sqrtLaw = (what: string) => ({ label: `${what} ∝ √n (log₂ ratio ½·log₂ of the widths' ratio)`, expected: halfSpan });
    const spRun = (measured: number) => ({ label: "SP's run (μP's scalings forgotten)", measured });
    for (const l of LAYERS) {
      // W1's fan-in (784) is fixed: its ‖W‖_* ≈ √(n/784) + 1 reaches the √(fan_out/fan_in) scaling only for n ≫ 784.
      if (l.w !== 'W1') {
        const f = (r: Row) => r.normW / r.target;
        const alternative = l.w === 'W3' ? spRun(log2Det(ratio('sp', l.w, f))) : sqrtLaw('init variance ∝ 1, not 1/fan_in: ‖W‖_*');
        checks.push({ ...exactCheck(`μP ${l.w}: ‖W‖_*/√(fan_out/fan_in) flat (widths ${wa} → ${wb}: log₂ ratio within ±log₂ 1.2)`, 0, log2Det(ratio('mup', l.w, f)), LOG_BAND), alternative });
      }
      // The logits are judged below by their slope over all widths: their μP change carries a 1/√n term.
      if (l.w === 'W3') continue;
      const rD = ratio('mup', l.w, (r) => r.rmsDH);
      const spD = log2Det(ratio('sp', l.w, (r) => r.rmsDH));
      checks.push({
        ...exactCheck(`μP ${l.output}: RMS Δh flat (widths ${wa} → ${wb}: log₂ ratio within ±log₂ 1.2)`, 0, log2Det(rD), LOG_BAND, `SP's log₂ ratio ${spD.toFixed(3)}`),
        alternative: l.w === 'W1' ? spRun(spD) : sqrtLaw('RMS Δh₂'),
      });
    }
    // Θ(1) against Θ(n) on the logits, from the least-squares log–log slope over all widths and initialisations.
    // Under SP the part that grows is the readout's own update, ΔW₃·h₂ = −η g (h₂·h₂′)/B ∝ ‖h₂‖² = Θ(n): its slope is
    // 1 at every width (only g's init-to-init scatter is noise), so it gets a z-check against 1. Under μP the same term
    // and the whole Δlogits are Θ(1) only in the limit: at 128 … 2048 they still shrink (g depends on the init logits,
    // whose scale falls like 1/√n until μP ≠ SP matters; W₃·Δh₂ falls like 1/√n), a slope of about −0.1 to −0.4 that
    // is not zero to 5σ. What theory does say at these widths is which growth law holds, so μP is judged by the
    // decision rule between the laws n⁰ and n^{±1}: the slope must lie nearer 0 than ±1, i.e. within ±½.
    const slopeNote = (slope: number, stderr: number) => `slope ${slope.toFixed(3)} ± ${Number.isFinite(stderr) ? stderr.toFixed(3) : "— (needs 3 or more points)"} (least squares over ${p.seeds} initialisations × ${widths.length} widths)`;
    const span = `widths ${widths[0]} → ${widths[widths.length - 1]}`;
    const sp3 = slopeOverInits(perSeed, 'sp', 'W3', (r) => r.rmsDWh);
    const mu3 = slopeOverInits(perSeed, 'mup', 'W3', (r) => r.rmsDWh);
    // Its power is against μP's run (the Θ(1) law): ×1.05 on a slope of 1 is within its own standard error.
    checks.push({
      ...zCheck(`SP readout update ΔW₃·h₂: Θ(n) (log–log slope of its RMS over ${span}: theory 1)`, 1, sp3.slope, Number.isFinite(sp3.stderr) ? sp3.stderr : 0, zMax(p.seeds * widths.length - 2), `ΔW₃ = −η g h₂ᵀ/B under SP, so ΔW₃·h₂ ∝ ‖h₂‖²; ${slopeNote(sp3.slope, sp3.stderr)}`),
      alternative: { label: "μP's run (the Θ(1) law)", measured: mu3.slope, ...(Number.isFinite(mu3.stderr) ? { stderr: mu3.stderr } : {}) },
    });
    const decide = (name: string, f: (r: Row) => number, note: string) => {
      const { slope, stderr } = slopeOverInits(perSeed, 'mup', 'W3', f);
      const sp = slopeOverInits(perSeed, 'sp', 'W3', f);
      checks.push({ ...exactCheck(name, 0, slope, 0.5, `${note}; ${slopeNote(slope, stderr)}; pass ⇔ nearer Θ(1) (slope 0) than Θ(n) or Θ(1/n) (slope ±1); SP's slope ${sp.slope.toFixed(3)}`), alternative: spRun(sp.slope) });
      return slope;
    };
    const muUpd = decide(`μP readout update ΔW₃·h₂: Θ(1), not Θ(n) (log–log slope of its RMS, ${span}: within ±½ of 0)`, (r) => r.rmsDWh, 'ΔW₃ = −η g h₂ᵀ/(B·n) under μP, so ΔW₃·h₂ ∝ ‖h₂‖²/n');
    const muAll = decide(`μP logits: RMS Δlogits Θ(1), not Θ(n) (log–log slope, ${span}: within ±½ of 0)`, (r) => r.rmsDH, 'adds the bias step (width-independent) and W₃·Δh₂ (fades like 1/√n)');
    const spW3 = ratio('sp', 'W3', (r) => r.normW / r.target);
    const half = log2Det(wb / wa) / 2;
    checks.push({
      ...exactCheck(`SP W3: ‖W‖_* ≈ 1 instead of √(10/n): log₂ growth of ‖W‖_*/target, widths ${wa} → ${wb} (theory ½·log₂ ratio)`, half, log2Det(spW3), half / 2),
      alternative: { label: "μP's run (readout init variance 1/fan_in²)", measured: log2Det(ratio('mup', 'W3', (r) => r.normW / r.target)) },
    });
    // SP's whole Δlogits is not checked against slope 1: the bias step Δb₃ = −η·mean g is Θ(1) and, with the Θ(1)
    // W₃·Δh₂, dominates below n ≈ 1000, so its slope over 128 … 2048 is ≈ 0.6 — the Θ(n) claim is the readout term's.
    const spOut = ratio('sp', 'W3', (r) => r.rmsDH);
    const table: Table = {
      title: `Per layer, after one SGD step (lr ${p.lr}; batch ${B} unless noted; means over ${p.seeds} initialisations)`,
      columns: ['param', 'width', 'layer', '√(fan_out/fan_in)', '‖W‖_* init', '‖ΔW‖_*', 'alignment batch 1', `alignment batch ${B}`, 'RMS h', 'RMS Δh'],
      rows: rows.map((r) => [LABEL[r.pz]!, r.width, r.layer, r.target, r.normW, r.normDW, r.align1, r.alignB, r.rmsH, r.rmsDH]),
    };
    return { values: { maxAlignmentBatch1Error: worst1, maxAlignmentBatchB: maxB, spLogitDeltaRatio: spOut, spReadoutSlope: sp3.slope, mupReadoutSlope: muUpd, mupLogitSlope: muAll }, checks, series, tables: [table] };
  },
});
