// Homework 2a as TP5 drew it: Figure 1's two panels on Transformers — final training loss against log₂ LR per width,
// SP on the left, μP on the right — measured on a task whose loss floor is known, through the same sweep runner as
// lr-transfer (worker pool here, BullMQ workers on other machines with --redis).
import { z } from 'zod';
import type { ExperimentOutput } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { estimateWithStderr } from '../lab/value-info.js';
import { markovLmTask } from '../transformer/tasks/markov-lm.js';
import { defaultTaskSpec } from '../transformer/tasks/spec.js';
import { transformerRunner } from './transformer-pool.js';
import type { TransformerCellResult } from './transformer-cell.js';
import { transformerTransferOutput } from './transformer-lr-transfer-output.js';
import { modelFields, shapeRules, sweepCores, sweepWorkers, threadsHere, threadsPerRunValue, TRANSFORMER_MAX_WIDTH } from './transformer-params.js';
import { log2Grid, shapeFor, sweepCells, trainingMultiplyAdds, type SweepPlan } from './transformer-sweep.js';
import { runSweepCells } from './training-cells.js';

const params = z
  .object({
    widths: z.array(z.number().int().min(8).max(TRANSFORMER_MAX_WIDTH)).min(2).max(8).default([32, 64, 128, 256]).describe('model widths d_model, ascending'),
    log2LrMin: z.number().int().min(-24).max(0).default(-11).describe('smallest log₂ learning rate of the grid'),
    log2LrMax: z.number().int().min(-24).max(0).default(-4).describe('largest log₂ learning rate of the grid'),
    steps: z.number().int().min(2).max(100_000).default(100).describe('training steps per run (Adam)'),
    seeds: z.number().int().min(1).max(16).default(3).describe('seeds per point (bands: ±2 standard errors; checks need ≥ 2)'),
    baseWidth: z.number().int().min(8).max(TRANSFORMER_MAX_WIDTH).default(32).describe('base width: μP equals SP there'),
    ...modelFields,
  })
  .superRefine(shapeRules);
type Params = z.output<typeof params>;

function planOf(p: Params, threads: 1 | 2 = 1): SweepPlan {
  return { ...p, log2Lrs: log2Grid(p.log2LrMin, p.log2LrMax), parameterizations: ['sp', 'mup'], optimizer: 'adam', threads };
}

/** The language task's exact floor for this window (the MNIST task has none). */
function lossFloorOf(p: Params): number | null {
  if (p.task !== 'markov-lm') return null;
  const spec = defaultTaskSpec('markov-lm');
  if (spec.kind !== 'markov-lm') return null;
  return markovLmTask({ ...spec, maxSeqLen: 1024 }).windowLossFloor(p.seqLen);
}

/** 2a on Transformers: TP5 Figure 1's SP and μP panels, measured. */
export const transformerLrTransferExperiment = defineExperiment({
  id: 'transformer-lr-transfer',
  question: '2a',
  parts: ['2a'],
  title: 'TP5 Figure 1 on Transformers: the best learning rate drifts with width under SP and stays put under μP',
  summary: 'Trains pre-LN Transformers of several widths over a log₂ learning-rate grid with Adam, under SP and under μP, and reads off where the optimum goes and whether wider is better.',
  explanation:
    'Each run trains a pre-LN Transformer (GELU MLPs, no matrix biases) in WebAssembly with Adam for a fixed number of ' +
    'steps and records the batch loss of every step; the final training loss is the mean over the last tenth of the steps ' +
    '(every batch is fresh, so this is also the expected loss at the end of the run). The default task is next-character ' +
    'prediction on text from a stated order-2 Markov source over 16 letters, whose entropy is computed exactly: the loss ' +
    'floor drawn in both panels. The same seeds are used at every width, learning rate and parameterization.\n\n' +
    'What theory predicts. With Adam each entry of a tensor moves by about $\\eta$ per step, so a hidden matrix’s update ' +
    'changes its output by about $\\eta\\cdot$fan-in $\\propto \\eta n$. TP5 (Table 3/8) gives the hidden matrices (Q, K, V, ' +
    'the attention output and both MLP matrices) an Adam LR $\\eta/\\tilde n$ with $\\tilde n = n/n_0$, the readout a ' +
    'multiplier $1/\\tilde n$, the embeddings, LayerNorm gains and biases a width-independent LR, and attention logits ' +
    '$q\\cdot k/d_{head}$. One global $\\eta$ is then best at every width: $\\Delta_{\\mu P} = 0$. SP gives every tensor ' +
    '$\\eta$; since nearly all of a Transformer’s weights are hidden, its best $\\eta$ falls like $1/n$: relative to μP ' +
    '$\\Delta_{SP} - \\Delta_{\\mu P} = -\\log_2(n_{\\max}/n_{\\min})$ (TP5 Figure 1: about −6 from 128 to 8192; ' +
    'nanoGPT-mup at laptop scale: μP within an octave, SP drifting about six).\n\n' +
    'How it is measured. For each seed and width the optimum is the vertex of the parabola through the lowest point of ' +
    'that seed’s curve and its two neighbours (a fraction of a grid step; none when the lowest point is at the grid’s ' +
    'edge), and a shift is the widest width’s optimum minus the narrowest’s, averaged over seeds with its standard error. ' +
    '“Wider is better” and “μP transferred vs SP re-tuned” are loss differences paired on seeds.\n\n' +
    'Checks (each with a tolerance from the spread over seeds, and the wrong answer it is for): μP’s shift is 0 within ' +
    'one octave (the resolution nanoGPT-mup reports at this scale) plus 3 standard errors; SP’s shift minus μP’s is ' +
    '$-\\log_2(n_{\\max}/n_{\\min})$ within one octave plus 3 standard errors; under μP, at the LR tuned on the narrowest ' +
    'width, the widest model’s loss is lower (one-sided, 3 standard errors); and at the widest width μP at the transferred ' +
    'LR is not worse than SP re-tuned there (one-sided). With one seed there is no spread and these checks are skipped.\n\n' +
    'Diverged runs (NaN or ∞) are counted, not dropped; a point with a diverged seed cannot be an optimum.',
  closedForm: '\\Delta_{\\mu P} = 0,\\qquad \\Delta_{SP} - \\Delta_{\\mu P} = -\\log_2\\frac{n_{\\max}}{n_{\\min}}',
  params,
  values: {
    ...estimateWithStderr('spOptimumShift', { label: 'SP optimum shift', unit: 'log₂ LR', meaning: 'How far the best learning rate moves under SP from the narrowest to the widest width (mean over seeds of each seed’s sub-grid optimum).', tex: '\\Delta_{SP}' }),
    ...estimateWithStderr('mupOptimumShift', { label: 'μP optimum shift', unit: 'log₂ LR', meaning: 'How far the best learning rate moves under μP from the narrowest to the widest width (predicted 0).', tex: '\\Delta_{\\mu P}' }),
    ...estimateWithStderr('shiftContrast', { label: 'SP shift − μP shift', unit: 'log₂ LR', meaning: 'SP’s shift minus μP’s on the same seeds (predicted −log₂(n_max/n_min)).', tex: '\\Delta_{SP} - \\Delta_{\\mu P}' }),
    hiddenLayerShift: { label: 'shift if hidden weights alone set the LR', unit: 'log₂ LR', meaning: '−log₂(n_max/n_min): SP’s shift relative to μP if only the hidden matrices mattered.' },
    ...estimateWithStderr('spTunedLossChange', { label: 'SP tuned loss, widest − narrowest', unit: 'nats', meaning: 'Change of SP’s final loss at its best LR from the narrowest to the widest width (negative: wider is better), paired on seeds.' }),
    ...estimateWithStderr('mupTunedLossChange', { label: 'μP tuned loss, widest − narrowest', unit: 'nats', meaning: 'Change of μP’s final loss at its best LR from the narrowest to the widest width, paired on seeds.' }),
    ...estimateWithStderr('mupTransferredLossChange', { label: 'μP transferred loss, widest − narrowest', unit: 'nats', meaning: 'Change of μP’s final loss at the LR tuned on the narrowest width, from the narrowest to the widest width (μP predicts < 0).' }),
    ...estimateWithStderr('mupTransferredMinusSpTuned', { label: 'μP transferred − SP tuned, widest', unit: 'nats', meaning: 'At the widest width: μP’s final loss at the LR tuned on the narrowest width minus SP’s at its own best LR there (μP claims ≤ 0).' }),
    lossFloor: { label: 'loss floor', unit: 'nats', meaning: 'The lowest mean loss any model can reach on this task’s windows (the Markov source’s exact conditional entropies); none for MNIST.' },
    runsDone: { label: 'training runs finished', unit: '', meaning: 'Training runs that finished (fewer than planned only after a cancel).' },
    runsTotal: { label: 'training runs planned', unit: '', meaning: 'Widths × learning rates × seeds × 2 parameterizations.' },
    threadsPerRun: threadsPerRunValue,
  },
  presets: {
    // About 2 minutes on 2 idle cores (≈ 200 s of CPU): widths 32 and 128, 7 LRs, 2 seeds, 80 steps — 56 runs.
    quick: { widths: [32, 128], baseWidth: 32, log2LrMin: -10, log2LrMax: -4, steps: 80, seeds: 2 },
    smoke: { widths: [16, 32], baseWidth: 16, heads: 2, layers: 1, seqLen: 8, batchSize: 4, log2LrMin: -8, log2LrMax: -4, steps: 6, seeds: 2 },
    // TP5 Figure 1's widths as far as the 2 GiB WebAssembly memory goes: weights, gradients and Adam's two moments of
    // a 2-block model are 16 bytes × 24w² (0.8 GB at 2048, 3.2 GB at 4096), so 4096 and 8192 cannot be held. The cost
    // model (calibrated on quick and a width-256 sweep) puts the preset at ≈ 97 000 s of CPU (≈ 27 CPU-hours): for many
    // machines (`--redis` and `hw3 worker`), each cell one training run.
    paper: { widths: [128, 256, 512, 1024, 2048], baseWidth: 128, heads: 8, log2LrMin: -14, log2LrMax: -4, seeds: 2 },
  },
  cost: {
    unit: 'multiply-adds of training',
    units: (p) => {
      const plan = planOf(p);
      const runsPerWidth = 2 * plan.log2Lrs.length * p.seeds;
      return p.widths.reduce((s, w) => s + runsPerWidth * trainingMultiplyAdds(shapeFor(p, w), p.steps, p.batchSize), 0);
    },
    // Workers × kernel threads, at most the cores (the time assumes a perfect split; two threads save less at small widths).
    threads: (p, cores) => sweepCores(p, cores, p.widths.length * 2 * log2Grid(p.log2LrMin, p.log2LrMax).length * p.seeds),
  },
  async run(p, ctx): Promise<ExperimentOutput> {
    const threads = threadsHere(p.threads);
    const plan = planOf(p, threads);
    const cells = sweepCells(plan, ctx.seed);
    const floor = lossFloorOf(p);
    const results: (TransformerCellResult | undefined)[] = new Array(cells.length);
    const output = (): ExperimentOutput => {
      const out = transformerTransferOutput(results, plan, floor);
      return { ...out, values: { ...out.values, threadsPerRun: threads } };
    };
    ctx.checkpoint(output());
    const workers = await sweepWorkers(p.workers, threads);
    await runSweepCells(transformerRunner, 'transformer-lr-transfer', cells, ctx.cells, {
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
