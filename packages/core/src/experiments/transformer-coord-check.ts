// microsoft/mup's coord check on the Transformer: the RMS of every block's output and of the logits over the first
// steps, across widths, SP against μP. Under μP nothing grows with width once training has moved it; under SP with
// Adam each hidden matrix's first update changes its output by about η·n, so activations and logits grow with width.
import { z } from 'zod';
import type { Check, ExperimentOutput, Series } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { estimateWithStderr } from '../lab/value-info.js';
import { oneSidedCheck } from '../stats/checks.js';
import { linearFit } from '../stats/linear-fit.js';
import { log2Det } from '../libm/index.js';
import type { TransformerParameterizationId } from '../transformer/api.js';
import { transformerRunner } from './transformer-pool.js';
import type { TransformerCellResult } from './transformer-cell.js';
import { modelFields, shapeRules, sweepCores, sweepWorkers, threadsHere, threadsPerRunValue, TRANSFORMER_MAX_WIDTH } from './transformer-params.js';
import { meanStderr, shapeFor, sweepCells, trainingMultiplyAdds, type SweepPlan } from './transformer-sweep.js';
import { runSweepCells } from './training-cells.js';

const params = z
  .object({
    widths: z.array(z.number().int().min(8).max(TRANSFORMER_MAX_WIDTH)).min(3).max(10).default([32, 64, 128, 256, 512]).describe('model widths d_model, ascending'),
    log2Lr: z.number().int().min(-20).max(0).default(-6).describe('log₂ of Adam’s learning rate'),
    steps: z.number().int().min(2).max(10).default(3).describe('steps t = 1 … T recorded (t = 1 is at init)'),
    seeds: z.number().int().min(2).max(16).default(3).describe('seeds (the slopes’ standard errors come from their spread)'),
    baseWidth: z.number().int().min(8).max(TRANSFORMER_MAX_WIDTH).default(32).describe('base width: μP equals SP there'),
    ...modelFields,
  })
  .superRefine(shapeRules);
type Params = z.output<typeof params>;

const PZ: TransformerParameterizationId[] = ['sp', 'mup'];
const LABEL: Record<TransformerParameterizationId, string> = { sp: 'SP', mup: 'μP' };
/** microsoft/mup's band: a ratio within (1/1.2, 1.2) between widths 4× apart, i.e. |log–log slope| ≤ log₂ 1.2 / 2. */
const SLOPE_BAND = log2Det(1.2) / 2;
const Z = 3;

function planOf(p: Params, threads: 1 | 2 = 1): SweepPlan {
  return { ...p, log2Lrs: [p.log2Lr], parameterizations: PZ, optimizer: 'adam', coords: true, threads };
}

/** The groups checked: the logits and the residual stream after the last block. */
const checkedGroups = (layers: number) => ['logits', `block.${layers - 1}`];

function groupLabel(key: string): string {
  const [kind, l] = key.split('.');
  if (kind === 'block') return `block ${l} output (residual stream)`;
  if (kind === 'attn') return `attention ${l} output`;
  if (kind === 'mlp') return `MLP ${l} output`;
  return key;
}

/** Output of the (possibly partial) cells. */
function coordOutput(results: readonly (TransformerCellResult | undefined)[], p: Params): ExperimentOutput {
  const widths = [...p.widths].sort((a, b) => a - b);
  const x = widths.map((w) => log2Det(w));
  const at = (pz: TransformerParameterizationId, w: number, s: number) => results[(PZ.indexOf(pz) * p.widths.length + p.widths.indexOf(w)) * p.seeds + s];
  const groups = new Set<string>();
  for (const r of results) for (const step of r?.coords ?? []) for (const k of Object.keys(step.rms)) groups.add(k);
  const rms = (pz: TransformerParameterizationId, w: number, s: number, t: number, g: string) => at(pz, w, s)?.coords?.find((c) => c.step === t)?.rms[g] ?? null;

  const series: Series[] = [];
  for (const pz of PZ)
    for (let t = 1; t <= p.steps; t++) {
      const plot = `${LABEL[pz]}: activation RMS vs width at step ${t}${t === 1 ? ' (init)' : ''}`;
      for (const g of groups) {
        const y = widths.map((w) => {
          const xs = Array.from({ length: p.seeds }, (_, s) => rms(pz, w, s, t, g)).filter((v): v is number => v !== null);
          return xs.length === p.seeds ? meanStderr(xs).mean : null;
        });
        series.push({ plot, label: groupLabel(g), x: widths, y, xLabel: 'width', yLabel: 'RMS (mean over seeds)', logX: true, logY: true, kind: 'measured' });
      }
    }

  /** Per seed: least-squares slope of log₂ RMS against log₂ width at the last step. */
  const slopes = (pz: TransformerParameterizationId, g: string) => {
    const out: number[] = [];
    for (let s = 0; s < p.seeds; s++) {
      const y = widths.map((w) => rms(pz, w, s, p.steps, g));
      if (y.every((v): v is number => v !== null && v > 0)) out.push(linearFit(x, y.map((v) => log2Det(v))).slope);
    }
    return meanStderr(out);
  };
  const values: Record<string, number | null> = {};
  const checks: Check[] = [];
  const range = `${widths[0]}→${widths.at(-1)}`;
  for (const g of checkedGroups(p.layers)) {
    const key = g === 'logits' ? 'Logits' : 'LastBlock';
    const sp = slopes('sp', g);
    const mu = slopes('mup', g);
    values[`spSlope${key}`] = sp.mean;
    values[`spSlope${key}Stderr`] = sp.stderr;
    values[`mupSlope${key}`] = mu.mean;
    values[`mupSlope${key}Stderr`] = mu.stderr;
    if (mu.mean !== null && mu.stderr !== null) {
      const tolerance = SLOPE_BAND + Z * mu.stderr;
      checks.push({
        name: `μP: ${groupLabel(g)} at step ${p.steps} is flat in width (${range}): |log–log slope| ≤ ${SLOPE_BAND.toFixed(3)} + ${Z} standard errors`,
        expected: 0,
        measured: mu.mean,
        tolerance,
        pass: Math.abs(mu.mean) <= tolerance,
        note: `microsoft/mup’s band (ratio within 1.2 per 4× of width) widened by ${Z} standard errors over ${mu.n} seeds`,
        ...(sp.mean !== null ? { alternative: { label: 'SP’s run (μP’s scalings forgotten)', measured: sp.mean } } : {}),
      });
    }
    if (sp.mean !== null && sp.stderr !== null) {
      checks.push({
        ...oneSidedCheck(
          `SP: ${groupLabel(g)} at step ${p.steps} grows with width (${range}): slope − ${Z} standard errors > ${SLOPE_BAND.toFixed(3)}`,
          1,
          sp.mean,
          { side: 'at-least', bound: SLOPE_BAND, margin: Z, stderr: sp.stderr },
          `one-sided: the growth must clear μP’s flat band; the full Θ(n) law (slope 1) is approached once the first update dominates the init`,
        ),
        ...(mu.mean !== null ? { alternative: { label: 'μP’s run (flat)', measured: mu.mean, ...(mu.stderr !== null ? { stderr: mu.stderr } : {}) } } : {}),
      });
    }
  }
  values.runsDone = results.filter((r) => r !== undefined).length;
  values.runsTotal = results.length;
  const tables = [
    {
      title: `log–log slope of RMS against width at step ${p.steps} (mean ± standard error over ${p.seeds} seeds)`,
      columns: ['group', 'SP slope', 'μP slope'],
      rows: [...groups].map((g) => {
        const f = (e: { mean: number | null; stderr: number | null }) => (e.mean === null ? '—' : `${e.mean.toFixed(3)} ± ${(e.stderr ?? 0).toFixed(3)}`);
        return [groupLabel(g), f(slopes('sp', g)), f(slopes('mup', g))];
      }),
    },
  ];
  return { values, checks, series, tables };
}

/** Lab: the coord check on Transformers. */
export const transformerCoordCheckExperiment = defineExperiment({
  id: 'transformer-coord-check',
  question: 'lab',
  parts: ['coord-transformer'],
  title: 'Coord check on Transformers: activation and logit sizes across widths, SP vs μP',
  summary: 'microsoft/mup’s coord check on the Transformer: RMS of every block’s output and of the logits at steps 1…T across widths, under SP and μP.',
  explanation:
    'Each run trains a pre-LN Transformer with Adam for a few steps and records, in the forward pass of every step, the ' +
    'RMS of the embedding, of each attention and MLP sublayer’s output, of the residual stream after each block and of ' +
    'the logits (step 1 is at initialisation). Each step draws a fresh batch of the task (microsoft/mup’s check uses one ' +
    'fixed batch; with the stated source both show the same growth laws). Values are averaged over seeds and drawn against ' +
    'the width on log–log axes, one figure per step and parameterization.\n\n' +
    'What theory predicts. Adam’s first step moves every entry of a matrix by about $\\eta$, so a hidden matrix’s output ' +
    'changes by about $\\eta\\cdot$fan-in. Under SP that is $\\propto n$: once the update dominates the init, the residual ' +
    'stream and the logits grow like the width (log–log slope up to 1). Under μP the hidden LR is $\\eta/\\tilde n$ and the ' +
    'readout carries $1/\\tilde n$, so every line stays flat (slope 0).\n\n' +
    'Checks, on the logits and on the last block’s output at the last step, with each seed’s least-squares slope of ' +
    'log₂ RMS against log₂ width: μP’s slope within microsoft/mup’s band (a ratio within 1.2 per 4× of width: ±0.13) ' +
    'plus 3 standard errors over seeds; SP’s slope above that band by 3 standard errors (one-sided).',
  closedForm: '\\text{slope}_{\\mu P} = 0,\\qquad 0 < \\text{slope}_{SP} \\le 1',
  params,
  values: {
    ...estimateWithStderr('spSlopeLogits', { label: 'SP logits slope', unit: '', meaning: 'Log–log slope of the logits’ RMS against width at the last step under SP (mean over seeds).' }),
    ...estimateWithStderr('mupSlopeLogits', { label: 'μP logits slope', unit: '', meaning: 'Log–log slope of the logits’ RMS against width at the last step under μP (predicted 0).' }),
    ...estimateWithStderr('spSlopeLastBlock', { label: 'SP last-block slope', unit: '', meaning: 'Log–log slope of the last block’s output RMS against width at the last step under SP.' }),
    ...estimateWithStderr('mupSlopeLastBlock', { label: 'μP last-block slope', unit: '', meaning: 'Log–log slope of the last block’s output RMS against width at the last step under μP (predicted 0).' }),
    runsDone: { label: 'training runs finished', unit: '', meaning: 'Runs that finished (fewer than planned only after a cancel).' },
    runsTotal: { label: 'training runs planned', unit: '', meaning: 'Widths × seeds × 2 parameterizations.' },
    threadsPerRun: threadsPerRunValue,
  },
  presets: {
    quick: { widths: [32, 64, 128, 256], seeds: 3 },
    smoke: { widths: [16, 32, 64], baseWidth: 16, heads: 2, layers: 1, seqLen: 8, batchSize: 4, seeds: 2 },
  },
  cost: {
    unit: 'multiply-adds of training',
    units: (p) => p.widths.reduce((s, w) => s + 2 * p.seeds * trainingMultiplyAdds(shapeFor(p, w), p.steps, p.batchSize), 0),
    threads: (p, cores) => sweepCores(p, cores, p.widths.length * 2 * p.seeds),
  },
  async run(p, ctx): Promise<ExperimentOutput> {
    const threads = threadsHere(p.threads);
    const cells = sweepCells(planOf(p, threads), ctx.seed);
    const results: (TransformerCellResult | undefined)[] = new Array(cells.length);
    const output = (): ExperimentOutput => {
      const out = coordOutput(results, p);
      return { ...out, values: { ...out.values, threadsPerRun: threads } };
    };
    ctx.checkpoint(output());
    const workers = await sweepWorkers(p.workers, threads);
    await runSweepCells(transformerRunner, 'transformer-coord-check', cells, ctx.cells, {
      ...(workers > 0 ? { workers } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (fraction, done, total) => ctx.progress(fraction, `${done}/${total} runs`),
      onResult: (i, r) => {
        results[i] = r;
        ctx.checkpoint(output());
      },
    });
    return output();
  },
});
