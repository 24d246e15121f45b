// microsoft/mup's coord check: per-layer mean |activation| at steps t = 1, 2, 3 (t = 1 before any update) across
// widths, on one fixed batch, averaged over seeds. Under μP nothing grows or shrinks with width once training moves
// it; under SP the output blows up ∝ width after one step.
import { z } from 'zod';
import { loadDataset } from '../mup/data.js';
import { MlpModel, type ActivationName } from '../mup/model.js';
import type { ParameterizationId } from '../mup/parameterization.js';
import { fixedBatch } from '../mup/train.js';
import { Rng } from '../base/rng.js';
import type { Check, ExperimentOutput, Series } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { yieldToEventLoop } from '../lab/run.js';
import { datasetInputDim, mlpMultiplyAdds } from './training-cost.js';
import { exactCheck } from '../stats/checks.js';
import { runSeed } from '../mup/sweep.js';
import { log2Det } from '../libm/index.js';

const params = z.object({
  dataset: z.enum(['mnist', 'synthetic']).default('mnist').describe('where the fixed batch comes from'),
  optimizer: z.enum(['sgd', 'adam']).default('sgd').describe('optimizer (microsoft/mup’s test uses SGD, lr 0.1)'),
  lr: z.number().positive().max(10).default(0.1).describe('global learning rate'),
  widths: z.array(z.number().int().min(8).max(4096)).min(2).max(10).default([64, 128, 256, 512, 1024, 2048]).describe('widths, ascending'),
  baseWidth: z.number().int().min(1).max(4096).default(64).describe('base width (μP = SP there)'),
  steps: z.number().int().min(2).max(10).default(3).describe('steps t = 1 … T recorded (t = 1 is at init)'),
  batchSize: z.number().int().min(1).max(512).default(64).describe('the fixed batch'),
  seeds: z.number().int().min(1).max(16).default(3).describe('seeds averaged'),
  zeroReadout: z.boolean().default(true).describe('initialise the output weights to zero (TP5’s advice; both SP and μP)'),
});
type Params = z.output<typeof params>;

const LAYERS: { name: ActivationName | 'dlogits'; label: string }[] = [
  { name: 'h1', label: 'h₁ (input layer)' },
  { name: 'h2', label: 'h₂ (hidden layer)' },
  { name: 'logits', label: 'logits' },
  { name: 'dlogits', label: 'logits − logits at init' },
];
const PARAMS: ParameterizationId[] = ['sp', 'mup'];
const LABEL: Record<string, string> = { sp: 'SP', mup: 'μP' };
/** microsoft/mup's band: a ratio within (1/1.2, 1.2) between widths 4× apart, i.e. |log–log slope| ≤ log₂ 1.2 / 2. */
const SLOPE_BAND = log2Det(1.2) / 2;
const MIN_SPAN = 8;

/**
 * The wrong answer a μP check is for (its power in the calibration report). For the logits' change it is SP's run on
 * the same pair (∝ n under SP). SP's run is no alternative for h₁ and h₂: their init is the same under both, h₁'s
 * fan-in (784) is fixed, and two steps leave SP's h₂ within a few % of its init at these widths (its ratio is in the
 * note: 0.01 in log₂ over 128 → 2048 on seed 1). There the check is for the law a scaling wrong by one power of √n
 * (an init variance ∝ 1, or an LR ∝ n) gives: log–log slope ½.
 */
function withAlternative(layer: string, spLog2Ratio: number, span: number, check: Check): Check {
  return {
    ...check,
    alternative:
      layer === 'dlogits'
        ? { label: "SP's run (μP's scalings forgotten)", measured: spLog2Ratio }
        : { label: '∝ √n: a scaling wrong by one power of √n (log–log slope ½)', expected: span / 2 },
  };
}

const meanAbs = (a: Float32Array) => a.reduce((s, v) => s + Math.abs(v), 0) / a.length;

/** Lab: the coordinate check — activation and update sizes across widths under SP and μP. */
export const coordCheckExperiment = defineExperiment({
  id: 'coord-check',
  question: 'lab',
  parts: ['coord'],
  title: 'Coord check: activation sizes across widths over the first steps',
  summary: 'microsoft/mup’s coord check: per-layer mean |activation| at steps 1–3 across widths, SP against μP.',
  explanation:
    'One fixed batch is fed at every step; t = 1 is the forward pass at initialisation, and each later t follows one ' +
    'optimizer step on that batch. For each layer the mean absolute coordinate is averaged over seeds and drawn against ' +
    'the width on log–log axes.\n\n' +
    'Under μP every line is flat once training has moved it: hidden activations stay $\\Theta(1)$, and the change of ' +
    'the logits since init is $\\Theta(1)$. With a zero-initialised readout (the default, TP5’s advice) the logits start ' +
    'at 0; without it μP’s readout starts at variance $1/(n\\tilde n)$ and its init shrinks like $1/\\sqrt{n}$ by design, ' +
    'and the part of the first step that flows back through that init fades like $1/\\tilde n$. Under SP the change of the logits after one step is $\\eta\\,g\\,\\|h\\|^2 \\propto n$: it grows like the ' +
    'width, slope 1. The band is microsoft/mup’s — a ratio within (1/1.2, 1.2) per 4× of width, i.e. a log–log slope ' +
    'within ±0.13 — applied to widths at least 8× apart (nearer pairs are dominated by the init’s $1/\\sqrt{n}$ scatter at ' +
    'the narrow end); the logits’ change is judged on the widest pair, because at small widths a random-feature term of ' +
    'relative size $1/\\sqrt{n}$ still shows (the μP line flattens from about 512 on), and by which growth law holds (slope ' +
    'nearer 0 than 1), since over 128 → 2048 that term alone can exceed the band. With a zero readout the first step ' +
    'cannot move $h_1$ or $h_2$ (no gradient flows back through $W_3 = 0$), so they are checked at t = 1 and t ≥ 3 only.\n\n' +
    'A coord check that looks fine does not prove the learning rate transfers — see `lr-transfer` for that.',
  closedForm: '\\mu P:\\ \\Big|\\log_2 \\frac{\\overline{|x|}(n\')}{\\overline{|x|}(n)}\\Big| \\le \\tfrac{1}{2}\\log_2 1.2 \\cdot \\log_2\\frac{n\'}{n}\\ (n\' \\ge 8n);\\qquad SP:\\ \\overline{|\\Delta \\mathrm{logits}|} \\propto n',
  params,
  values: {
    spLogitChangeRatioWidest: { label: 'SP logit change ratio, widest pair', unit: '', meaning: 'RMS change of the logits after one step at the wider width of the widest pair divided by the narrower, under SP (Θ(n): about the width ratio).' },
    mupLogitChangeRatioWidest: { label: 'μP logit change ratio, widest pair', unit: '', meaning: 'The same ratio under μP (Θ(1): about 1).' },
  },
  // The logits' change is judged on the widest pair (128 → 2048 here); it must reach where the μP line is flat (from
  // about 512): with widths up to 1024 a pair ending at 1024 still carries the 1/√n term.
  presets: { quick: { widths: [128, 512, 2048], seeds: 2 } },
  cost: {
    unit: 'multiply-adds of training',
    // Per parameterization, width and seed: the init, then `steps` forward passes on the fixed batch with a backward
    // pass and step between them (3 × the forward's multiply-adds per example).
    units: (p) => 2 * p.seeds * p.widths.reduce((s, w) => s + (1 + 3 * p.steps * p.batchSize) * mlpMultiplyAdds(datasetInputDim(p.dataset), w), 0),
  },
  async run(p: Params, ctx): Promise<ExperimentOutput> {
    const dataset = await loadDataset(p.dataset);
    const B = p.batchSize;
    const { x, y } = fixedBatch(dataset, B);
    const widths = [...p.widths].sort((a, b) => a - b);
    // stats[param][layer][t][wi] = mean over seeds of mean |x|
    const stats = new Map<string, number[]>();
    const key = (pz: string, layer: string, t: number) => `${pz}:${layer}:${t}`;
    const total = PARAMS.length * widths.length * p.seeds;
    let done = 0;
    for (const pz of PARAMS) {
      for (const [wi, width] of widths.entries()) {
        for (let s = 0; s < p.seeds; s++) {
          ctx.throwIfCancelled();
          const model = new MlpModel(
            { inputDim: dataset.inputDim, width, classes: dataset.classes },
            { parameterization: pz, baseWidth: p.baseWidth, zeroReadout: p.zeroReadout },
            { kind: p.optimizer, lr: p.lr },
            B,
          );
          try {
            model.initialize(Rng.fromSeed(runSeed(ctx.seed, s)).stream(0));
            model.setBatch(x, y, B);
            let logits0: Float32Array | undefined;
            for (let t = 1; t <= p.steps; t++) {
              model.forward();
              const logits = model.activation('logits');
              logits0 ??= logits;
              const values: Record<string, number> = {
                h1: meanAbs(model.activation('h1')),
                h2: meanAbs(model.activation('h2')),
                logits: meanAbs(logits),
                dlogits: meanAbs(logits.map((v, i) => v - logits0![i]!)),
              };
              for (const layer of LAYERS) {
                const k = key(pz, layer.name, t);
                const arr = stats.get(k) ?? new Array<number>(widths.length).fill(0);
                arr[wi] = arr[wi]! + values[layer.name]! / p.seeds;
                stats.set(k, arr);
              }
              if (t < p.steps) {
                model.backward();
                model.step();
              }
            }
          } finally {
            model.free();
          }
          ctx.progress(++done / total, `${LABEL[pz]} width ${width}`);
          await yieldToEventLoop();
        }
      }
    }
    const series: Series[] = [];
    for (const pz of PARAMS)
      for (let t = 1; t <= p.steps; t++)
        for (const layer of LAYERS) {
          if (layer.name === 'dlogits' && t === 1) continue;
          const ys = stats.get(key(pz, layer.name, t))!;
          series.push({
            plot: `${LABEL[pz]} coord check, t = ${t}`,
            label: layer.label,
            x: widths,
            y: ys.map((v) => (Number.isFinite(v) && v > 0 ? v : null)),
            xLabel: 'width',
            yLabel: 'mean |coordinate|',
            logX: true,
            logY: true,
            kind: 'measured',
          });
        }
    // Ratios between widths at least 8× apart: each width with the nearest one ≥ 8× wider. Closer pairs (64 → 256) are
    // noise-dominated at init — one draw's mean |h₂| at width n scatters by about 1/√n — while microsoft/mup's coord
    // check compares widths far apart. Its band, log₂ 1.2 per 4× (slope ±0.13), is scaled to each pair's span.
    const pairs = widths.flatMap((w, i) => {
      const j = widths.findIndex((v) => v >= MIN_SPAN * w);
      return j >= 0 ? [[i, j] as const] : [];
    });
    const spanOf = (pair: readonly [number, number]) => log2Det(widths[pair[1]]! / widths[pair[0]]!);
    const ratios = (pz: string, layer: string, t: number) => {
      const ys = stats.get(key(pz, layer, t))!;
      return pairs.map(([i, j]) => ys[j]! / ys[i]!);
    };
    const checks: Check[] = [];
    const values: Record<string, number | null> = {};
    if (pairs.length > 0) {
      for (let t = 1; t <= p.steps; t++) {
        // With a zero readout the first step moves only the readout and its bias (the gradient reaching W₂ and W₁ is
        // W₃ᵀg = 0), so h₁ and h₂ at t = 2 repeat t = 1 exactly: those checks would count twice.
        const hidden = p.zeroReadout && t === 2 ? [] : ['h1', 'h2'];
        for (const layer of [...hidden, ...(t > 1 ? ['dlogits'] : [])]) {
          // The logits' change carries a random-feature term ∝ 1/√n at small widths (it fades by 512 here): like the SP
          // check below, judge it on the widest pair; hidden activations on every pair.
          const all = ratios('mup', layer, t);
          const idx = layer === 'dlogits' ? [pairs.length - 1] : pairs.map((_, i) => i);
          // Worst pair relative to its own band (the band grows with the span).
          const worst = idx.reduce((a, i) => (Math.abs(log2Det(all[i]!)) / spanOf(pairs[i]!) > Math.abs(log2Det(all[a]!)) / spanOf(pairs[a]!) ? i : a), idx[0]!);
          const [wi, wj] = [widths[pairs[worst]![0]]!, widths[pairs[worst]![1]]!];
          const listed = `all pairs (ratios): ${pairs.map((q, i) => `${widths[q[0]]}→${widths[q[1]]} ${all[i]!.toFixed(2)}`).join(', ')}`;
          const spRatio = log2Det(ratios('sp', layer, t)[worst]!);
          checks.push(withAlternative(layer, spRatio, spanOf(pairs[worst]!),
            layer === 'dlogits'
              ? // Θ(1) only in the limit: its 1/√n term shrinks it by up to ≈ 0.6 in log₂ over 128 → 2048, more than the
                // band allows, so it is judged like the SP check below — which growth law holds, slope nearer 0 than 1.
                exactCheck(
                  `μP ${LAYERS.find((l) => l.name === layer)!.label}, t = ${t}: Θ(1), not Θ(n) (log₂ ratio, widths ${wi} → ${wj}: within ±½·log₂ ${wj / wi})`,
                  0,
                  log2Det(all[worst]!),
                  spanOf(pairs[worst]!) / 2,
                  `pass ⇔ log–log slope nearer 0 than ±1; ${listed}`,
                )
              : exactCheck(
                  `μP ${LAYERS.find((l) => l.name === layer)!.label}, t = ${t}: log₂ ratio between widths ≥ ${MIN_SPAN}× apart within microsoft/mup's band (±log₂ 1.2 per 4×)`,
                  0,
                  log2Det(all[worst]!),
                  SLOPE_BAND * spanOf(pairs[worst]!),
                  `worst of ${idx.length} pairs: ${wi} → ${wj}; ${listed}; SP's log₂ ratio ${spRatio.toFixed(2)}`,
                ),
          ));
        }
      }
      // The ∝ n term dominates the width-independent ones (bias step, init) only at large widths: widest pair.
      const sp = ratios('sp', 'dlogits', 2);
      const spMin = sp[sp.length - 1]!;
      const widest = pairs[pairs.length - 1]!;
      const span = spanOf(widest);
      values.spLogitChangeRatioWidest = Number.isFinite(spMin) ? spMin : null;
      const mu = ratios('mup', 'dlogits', 2);
      checks.push({
        ...exactCheck(
          `SP: log₂ growth of the logits’ change after one step, widths ${widths[widest[0]]} → ${widths[widest[1]]} (theory ∝ width: ${span})`,
          span,
          log2Det(spMin),
          span / 2,
          'pass ⇔ log–log slope in [½, 1½]: nearer the Θ(n) law than Θ(1) or Θ(n²)',
        ),
        alternative: { label: "μP's run (the Θ(1) law)", measured: log2Det(mu[mu.length - 1]!) },
      });
      values.mupLogitChangeRatioWidest = mu.length && Number.isFinite(mu[mu.length - 1]!) ? mu[mu.length - 1]! : null;
    }
    return { values, checks, series, tables: [] };
  },
});
