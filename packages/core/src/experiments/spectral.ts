// Homework 2c (Yang, Simon & Bernstein 2023): across widths, per layer, the spectral norm of W at init and of the
// first update ΔW against √(fan_out/fan_in), the alignment ‖ΔW h‖/(‖ΔW‖_*‖h‖) (exactly 1 for a batch of one), and
// the RMS of features h and of their change Δh (flat in width under μP: Desideratum 1).
import { z } from 'zod';
import { loadDataset } from '../mup/data.js';
import { MlpModel } from '../mup/model.js';
import type { ParameterizationId } from '../mup/parameterization.js';
import { alignmentRatio, rms, spectralNorm } from '../mup/spectral.js';
import type { TensorName } from '../mup/spec.js';
import { gather, spacedRows } from '../mup/train.js';
import { Rng } from '../rng.js';
import type { Check, Experiment, ExperimentOutput, Series, Table } from './api.js';
import { yieldToEventLoop } from './run.js';
import { exactCheck } from './stats.js';

const params = z.object({
  dataset: z.enum(['mnist', 'synthetic']).default('mnist').describe('where the batch comes from'),
  widths: z.array(z.number().int().min(16).max(4096)).min(2).max(8).default([128, 256, 512, 1024, 2048]).describe('widths, ascending'),
  baseWidth: z.number().int().min(1).max(4096).default(128).describe('base width (μP = SP there)'),
  lr: z.number().positive().max(10).default(0.1).describe('SGD learning rate of the one step'),
  batchSize: z.number().int().min(2).max(512).default(64).describe('the larger batch (a batch of one is always measured too)'),
  iterations: z.number().int().min(5).max(500).default(40).describe('power-iteration steps per spectral norm'),
  seeds: z.number().int().min(1).max(32).default(4).describe('initialisations averaged per width (coord-check style)'),
});
type Params = z.output<typeof params>;

const PARAMS: ParameterizationId[] = ['sp', 'mup'];
const LOG_BAND = Math.log2(1.2);
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
  normDW: number;
  align1: number;
  alignB: number;
  rmsH: number;
  rmsDH: number;
}

/** The random-matrix prediction of ‖W‖_* at init. */
const model0 = (r: Row) => r.sigma * (Math.sqrt(r.fanOut) + Math.sqrt(r.fanIn));

function oneStep(model: MlpModel, x: Float32Array, y: Int32Array, rows: number) {
  const before = Object.fromEntries(LAYERS.map((l) => [l.w, model.read(l.w)])) as Record<TensorName, Float32Array>;
  model.setBatch(x, y, rows);
  model.forward();
  const acts = { x: x.slice(0, rows * model.shape.inputDim), h1: model.activation('h1'), h2: model.activation('h2'), logits: model.activation('logits') };
  model.backward();
  model.step();
  model.forward();
  const after = { h1: model.activation('h1'), h2: model.activation('h2'), logits: model.activation('logits') };
  const dW = Object.fromEntries(LAYERS.map((l) => [l.w, model.read(l.w).map((v, i) => v - before[l.w][i]!)])) as Record<TensorName, Float32Array>;
  return { acts, after, dW };
}

export const spectralExperiment: Experiment<typeof params> = {
  id: 'spectral',
  question: '2c',
  parts: ['2c'],
  title: 'The spectral condition: ‖W‖_*, ‖ΔW‖_*, alignment and feature RMS across widths',
  summary: 'Measures per-layer spectral norms at init and after one SGD step against √(fan_out/fan_in), the alignment of the update with its input, and the RMS of h and Δh.',
  explanation:
    'Condition 1 of Yang, Simon & Bernstein asks $\\|W_\\ell\\|_* = \\Theta(\\sqrt{n_\\ell/n_{\\ell-1}})$ and the same for ' +
    'the update $\\Delta W_\\ell$; then features and their updates have $\\Theta(1)$ RMS (Desideratum 1). Norms here are ' +
    'found by power iteration on the WebAssembly matrix–vector kernels.\n\n' +
    'For a batch of one, SGD’s update $\\Delta W = -\\eta\\, g h^\\top$ is rank one with $h$ as its right singular ' +
    'vector, so $\\|\\Delta W h\\| = \\|\\Delta W\\|_*\\|h\\|$ exactly: the alignment ratio is 1. A larger batch sums ' +
    'several such terms; the update is then only approximately low rank and the ratio drops below 1.\n\n' +
    'Under SP the output layer has $\\|W_3\\|_* \\approx 1$ instead of $\\sqrt{10/n}$, and its update grows with width, so ' +
    'the logits move by $\\Theta(n)$ after one step; under μP every layer keeps its target scale.',
  closedForm: '\\|W_\\ell\\|_*,\\ \\|\\Delta W_\\ell\\|_* = \\Theta\\!\\left(\\sqrt{n_\\ell / n_{\\ell-1}}\\right),\\qquad \\frac{\\|\\Delta W h\\|}{\\|\\Delta W\\|_*\\|h\\|} = 1\\ (\\text{batch } 1)',
  params,
  presets: { quick: { widths: [128, 512, 2048], iterations: 25, seeds: 3 } },
  async run(p: Params, ctx): Promise<ExperimentOutput> {
    const dataset = await loadDataset(p.dataset);
    const B = p.batchSize;
    const x = new Float32Array(B * dataset.inputDim);
    const y = new Int32Array(B);
    gather(dataset.train, dataset.inputDim, spacedRows(dataset.train.rows, B), x, y);
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
          const init = Object.fromEntries(LAYERS.map((l) => [l.w, spectralNorm(model.tensors[l.w].w, model.tensors[l.w].plan.rows, model.tensors[l.w].plan.cols, power, p.iterations)]));
          const big = oneStep(model, x, y, B);
          model.initialize(Rng.fromSeed(ctx.seed).stream(s));
          const one = oneStep(model, x, y, 1);
          for (const l of LAYERS) {
            const { rows: r, cols: c, fanIn, fanOut } = model.tensors[l.w].plan;
            const normDW = spectralNorm(big.dW[l.w], r, c, power, p.iterations);
            const norm1 = spectralNorm(one.dW[l.w], r, c, power, 3);
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
              normW: init[l.w]!,
              normDW,
              align1: alignmentRatio(one.dW[l.w], r, c, hOne, norm1),
              alignB: alignmentRatio(big.dW[l.w], r, c, h0, normDW),
              rmsH: rms(big.acts[l.output]),
              rmsDH: rms(big.after[l.output].map((v, i) => v - big.acts[l.output][i]!)),
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
      return { ...first, normW: mean((r) => r.normW), normDW: mean((r) => r.normDW), align1: mean((r) => r.align1), alignB: mean((r) => r.alignB), rmsH: mean((r) => r.rmsH), rmsDH: mean((r) => r.rmsDH) };
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
    // A Gaussian init has ‖W‖_* ≈ σ(√fan_out + √fan_in) (Bai–Yin edge); power iteration approaches it from below.
    const edge = perSeed.reduce((m, r) => {
      const t = model0(r);
      return Math.max(m, Math.abs(r.normW / t - 1));
    }, 0);
    checks.push(exactCheck('‖W‖_* at init = σ(√fan_out + √fan_in) (random-matrix edge), every layer and width: max relative gap', 0, edge, 0.1, 'finite-size edge fluctuations and power iteration from below'));
    for (const l of LAYERS) {
      // W1's fan-in (784) is fixed: its ‖W‖_* ≈ √(n/784) + 1 reaches the √(fan_out/fan_in) scaling only for n ≫ 784.
      if (l.w !== 'W1') {
        const rW = ratio('mup', l.w, (r) => r.normW / r.target);
        checks.push(exactCheck(`μP ${l.w}: ‖W‖_*/√(fan_out/fan_in) flat (widths ${wa} → ${wb}: log₂ ratio within ±log₂ 1.2)`, 0, Math.log2(rW), LOG_BAND));
      }
      const rD = ratio('mup', l.w, (r) => r.rmsDH);
      checks.push(exactCheck(`μP ${l.output}: RMS Δh flat (widths ${wa} → ${wb}: log₂ ratio within ±log₂ 1.2)`, 0, Math.log2(rD), LOG_BAND));
    }
    const spW3 = ratio('sp', 'W3', (r) => r.normW / r.target);
    const half = Math.log2(wb / wa) / 2;
    checks.push(exactCheck(`SP W3: ‖W‖_* ≈ 1 instead of √(10/n): log₂ growth of ‖W‖_*/target, widths ${wa} → ${wb} (theory ½·log₂ ratio)`, half, Math.log2(spW3), half / 2));
    const spOut = ratio('sp', 'W3', (r) => r.rmsDH);
    checks.push(exactCheck(`SP logits: log₂ growth of RMS Δh, widths ${wa} → ${wb} (theory ∝ width: log₂ ratio)`, 2 * half, Math.log2(spOut), half));
    const table: Table = {
      title: `Per layer, after one SGD step (lr ${p.lr}; batch ${B} unless noted; means over ${p.seeds} initialisations)`,
      columns: ['param', 'width', 'layer', '√(fan_out/fan_in)', '‖W‖_* init', '‖ΔW‖_*', 'alignment batch 1', `alignment batch ${B}`, 'RMS h', 'RMS Δh'],
      rows: rows.map((r) => [LABEL[r.pz]!, r.width, r.layer, r.target, r.normW, r.normDW, r.align1, r.alignB, r.rmsH, r.rmsDH]),
    };
    return { values: { maxAlignmentBatch1Error: worst1, maxAlignmentBatchB: maxB, spLogitDeltaRatio: spOut }, checks, series, tables: [table] };
  },
};
