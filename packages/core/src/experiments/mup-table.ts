// Homework 2b: TP5's Tables 3 and 8 rendered from the very objects that configure training, and checked by training:
// μP = SP at the base width, and Table 3 ≡ Table 8 (same function, same updates) at other widths.
import { z } from 'zod';
import { loadDataset } from '../mup/data.js';
import { compareTraining } from '../mup/equivalence.js';
import { formatScaling, MUP_TABLE3, MUP_TABLE8, SP, sameScaling, type Parameterization, type RoleRule } from '../mup/parameterization.js';
import { planTensors } from '../mup/tensor-plan.js';
import type { TrainConfig } from '../mup/train.js';
import type { Check, ExperimentOutput, Table } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { datasetInputDim, mlpMultiplyAdds } from './training-cost.js';
import { exactCheck } from '../stats/checks.js';
import { yieldToEventLoop } from '../lab/run.js';
import { log2Det } from '../libm/index.js';

const params = z.object({
  dataset: z.enum(['mnist', 'synthetic']).default('mnist').describe('training data for the equivalence checks'),
  baseWidth: z.number().int().min(8).max(2048).default(128).describe('base width (μP = SP there)'),
  widths: z.array(z.number().int().min(8).max(2048)).min(1).max(6).default([256, 512, 96]).describe('other widths where Table 3 and Table 8 are compared'),
  steps: z.number().int().min(1).max(100).default(5).describe('training steps compared'),
  batchSize: z.number().int().min(1).max(256).default(32).describe('minibatch size'),
  lr: z.number().positive().max(10).default(0.01).describe('global learning rate of the compared runs'),
});
type Params = z.output<typeof params>;

const ROWS: [keyof RoleRule, string][] = [
  ['initVar', 'init var'],
  ['multiplier', 'multiplier'],
  ['sgdLr', 'SGD LR'],
  ['adamLr', 'Adam LR'],
];

/** One of the paper's tables: μP entries with SP's in parentheses where they differ. */
export function renderTable(p: Parameterization, title: string): Table {
  const cell = (key: keyof RoleRule, role: 'input' | 'output' | 'hidden') => {
    const mine = p.rules[role][key];
    const sp = SP.rules[role][key];
    return sameScaling(mine, sp) ? formatScaling(mine) : `${formatScaling(mine)} (${formatScaling(sp)})`;
  };
  return {
    title,
    columns: ['', 'input weights & all biases', 'output weights', 'hidden weights'],
    rows: ROWS.map(([key, label]) => [label, cell(key, 'input'), cell(key, 'output'), cell(key, 'hidden')]),
  };
}

// The paper's entries as printed (TP5 Tables 3 and 8), to catch any edit of the data that drifts from them.
const PRINTED: Record<string, string[][]> = {
  'Table 3': [
    ['init var', '1/fan_in', '1/fan_in² (1/fan_in)', '1/fan_in'],
    ['multiplier', '1', '1', '1'],
    ['SGD LR', 'fan_out (1)', '1/fan_in (1)', '1'],
    ['Adam LR', '1', '1/fan_in (1)', '1/fan_in (1)'],
  ],
  'Table 8': [
    ['init var', '1/fan_in', '1 (1/fan_in)', '1/fan_in'],
    ['multiplier', '1', '1/fan_in (1)', '1'],
    ['SGD LR', 'fan_out (1)', 'fan_in (1)', '1'],
    ['Adam LR', '1', '1', '1/fan_in (1)'],
  ],
};

/** The weight comparison after each step (a JavaScript loop) counted in multiply-adds of training (for the cost estimate). */
const WEIGHT_COMPARE_UNITS = 10;

const isPowerOfTwo = (x: number) => x > 0 && 2 ** Math.round(log2Det(x)) === x;

/**
 * What the Table 3 ≡ Table 8 checks are for (their power in the calibration report): a Table 8 with one wrong rule —
 * the output weights keep Table 3's learning rates, forgetting that the multiplier took a factor 1/ñ out of their
 * gradient. It is trained beside the right one in every comparison.
 */
export const WRONG_TABLE8: Parameterization = {
  ...MUP_TABLE8,
  name: 'μP (Table 8) with Table 3’s output-weight LRs (a wrong rule)',
  rules: { ...MUP_TABLE8.rules, output: { ...MUP_TABLE8.rules.output, sgdLr: MUP_TABLE3.rules.output.sgdLr, adamLr: MUP_TABLE3.rules.output.adamLr } },
};

/** float32's unit roundoff. */
const UNIT_ROUNDOFF = 2 ** -24;

/** The losses a non-power-of-2 comparison judges: all steps for SGD; for Adam and SignGD the loss at init and after the
 * first update only (see {@link equivalenceBand}). */
export function comparedLosses(optimizer: TrainConfig['optimizer'], losses: readonly [number, number][]): [number, number][] {
  return optimizer === 'sgd' ? [...losses] : losses.slice(0, 2);
}

/**
 * How far the losses of Table 3 and Table 8 may differ at a ñ that is not a power of 2, where the two are equal in
 * exact arithmetic only; `loss` is the largest loss compared.
 * - Rounding: each rescaling by ñ rounds (relative 2⁻²⁴); through a forward and backward pass, sums of d_in + 2n
 *   terms, that moves the loss by about √(d_in + 2n)·2⁻²⁴·loss (Higham & Mary's probabilistic bound for sums with
 *   independent roundings), added up over the steps compared. SGD's step is smooth in g, so nothing amplifies it:
 *   every step is compared.
 * - Switched branches (Adam, SignGD): their step g/(|g| + ε) or sign(g) jumps at g ≈ 0, so a gradient entry within
 *   rounding of 0 takes steps up to 2·lr apart in the two runs; after that a ReLU within rounding of its kink switches
 *   a unit's gradient on or off, and the runs drift apart chaotically (over 5 steps at the defaults, up to 0.023 for
 *   Adam and 0.22 for SignGD in seeds 1–2000: as far as one wrong rule moves them, 0.06). So the comparison stops
 *   after the first update — the update rule is the same map at every step, so one step from the same init tests
 *   every rule — and allows lr/20 for the entries it switched. Calibration at the defaults (lr 0.01, width 96, MNIST):
 *   the largest difference over seeds 1–2000 is 8.4e-5 for Adam and 1.3e-4 for SignGD (≤ 0.26 of the band); the
 *   wrong Table 8 below moves it by 1.4e-3 or more on seeds 1–200 (≥ 2.7 × the band).
 */
export function equivalenceBand(optimizer: TrainConfig['optimizer'], stepsCompared: number, lr: number, inputDim: number, width: number, loss: number): number {
  const rounding = stepsCompared * Math.sqrt(inputDim + 2 * width) * UNIT_ROUNDOFF * loss;
  return rounding + (optimizer === 'sgd' ? 0 : lr / 20);
}

/** 2b: μP's Table 3 and Table 8 give the same training, bit for bit. */
export const mupTableExperiment = defineExperiment({
  id: 'mup-table',
  question: '2b',
  parts: ['2b'],
  title: 'The μP table as code: Tables 3 and 8, checked by training',
  summary: 'Renders TP5 Tables 3 and 8 from the data that configures training and checks μP = SP at the base width and Table 3 ≡ Table 8 elsewhere.',
  explanation:
    'A parameterization here is data: for input weights, hidden weights, output weights and biases, the power of ' +
    'fan_in and fan_out in the init variance, the forward multiplier and the SGD and Adam learning rates, each ' +
    'relative to the base width. The tables below are printed from those objects; training reads the same ones.\n\n' +
    'Every entry is a ratio to the base width, so at the base width all of them are 1 and μP is SP: the two train ' +
    'bit for bit the same network. Table 8 moves a factor $1/\\tilde n$ ($\\tilde n$ = width/base) from the output ' +
    'weights into a multiplier: $W_3 = W_3^{(8)}/\\tilde n$. Its gradient is then $\\tilde n$ times smaller, which SGD ' +
    'makes up with an LR $\\tilde n^2$ larger and Adam ignores (it is scale invariant, once ε scales too). When ' +
    '$\\tilde n$ is a power of two every one of these rescalings is exact in floating point, so the two tables give ' +
    'bitwise identical functions and updates, and that is checked bit for bit.\n\n' +
    'At other $\\tilde n$ (0.75 here) they are equal in exact arithmetic only, and the losses on the same batches are ' +
    'compared within a band. Rounding: each rescaling rounds (relative $2^{-24}$), which moves the loss by about ' +
    '$\\sqrt{d_{in} + 2n}\\,2^{-24}L$ per step; SGD is smooth in its gradient, so every step is compared against that. ' +
    'Adam and SignGD are not: their step $g/(|g| + \\epsilon)$ or $\\mathrm{sign}(g)$ jumps at $g \\approx 0$, so an ' +
    'entry whose gradient is within rounding of 0 steps differently in the two runs, and from then on a ReLU within ' +
    'rounding of its kink switches a unit’s gradient on or off and the runs drift apart chaotically — over 5 steps as ' +
    'far as a wrong rule would move them. Since the update rule is the same map at every step, one step from the same ' +
    'init tests every rule: for Adam and SignGD the loss at init and after the first update are compared, allowing ' +
    '$\\eta/20$ for the switched entries. At the defaults that difference is at most 8.4e-5 (Adam) and 1.3e-4 ' +
    '(SignGD) over seeds 1–2000, under the band of 5e-4.\n\n' +
    'Each comparison also trains a wrong Table 8 beside it — the output weights with Table 3’s learning rates — to ' +
    'show that the check catches one wrong rule: at $\\tilde n$ = 0.75 it moves the compared losses by 1.4e-3 or more ' +
    '(Adam, SignGD) and 2.3e-3 or more (SGD) on seeds 1–200, and at powers of 2 it changes hundreds of thousands of ' +
    'weights. Adam’s ε on the output weights is the one rule no loss comparison can see at ε = 1e-8; the bitwise ' +
    'checks see it (it changes over 500 000 weights at ñ = 2).',
  closedForm: 'W_3^{(3)} = W_3^{(8)}/\\tilde n,\\quad \\eta_{W_3}^{(3)} = \\eta_{W_3}^{(8)}/\\tilde n^{2}\\ (\\text{SGD}),\\quad \\tilde n = n/n_0',
  params,
  values: {
    baseWidth: { label: 'base width n₀', unit: '', meaning: 'The width at which every μP ratio is 1 and μP trains the same network as SP.', tex: 'n_0' },
    steps: { label: 'training steps compared', unit: 'steps', meaning: 'Steps trained per pair of networks whose weights and losses are compared.' },
  },
  presets: { quick: { dataset: 'synthetic', widths: [256, 96], steps: 3 } },
  cost: {
    unit: 'multiply-adds of training (and weights compared)',
    // Three optimizers × (two pairs at the base width + one pair per other width); each pair trains two networks for
    // `steps` steps (fwd + bwd: 3 × the forward's multiply-adds per example) and compares every weight after each step.
    units: (p) => {
      const pairWork = (w: number) => 2 * (3 * p.steps * p.batchSize + WEIGHT_COMPARE_UNITS * (p.steps + 1)) * mlpMultiplyAdds(datasetInputDim(p.dataset), w);
      return 3 * (2 * pairWork(p.baseWidth) + p.widths.reduce((s, w) => s + pairWork(w), 0));
    },
  },
  async run(p: Params, ctx): Promise<ExperimentOutput> {
    const t3 = renderTable(MUP_TABLE3, 'TP5 Table 3 — μP (SP in parentheses where it differs)');
    const t8 = renderTable(MUP_TABLE8, 'TP5 Table 8 — μP, equivalent form with an output multiplier (SP in parentheses)');
    const checks: Check[] = [];
    for (const [name, table] of [['Table 3', t3], ['Table 8', t8]] as const) {
      const same = JSON.stringify(table.rows) === JSON.stringify(PRINTED[name]);
      checks.push(exactCheck(`${name} rendered from the data = the paper's table`, 1, same ? 1 : 0));
    }
    const dataset = await loadDataset(p.dataset);
    const base = (parameterization: TrainConfig['parameterization'], width: number, optimizer: TrainConfig['optimizer']): TrainConfig => ({
      dataset: p.dataset,
      width,
      parameterization,
      baseWidth: p.baseWidth,
      optimizer,
      lr: p.lr,
      steps: p.steps,
      batchSize: p.batchSize,
      seed: ctx.seed,
      ...(optimizer === 'sgd' ? { momentum: 0.9 } : {}),
    });
    const optimizers: TrainConfig['optimizer'][] = ['sgd', 'adam', 'signgd'];
    const rows: (string | number | null)[][] = [];
    const total = optimizers.length * (2 + p.widths.length);
    let done = 0;
    for (const opt of optimizers) {
      for (const mup of ['mup', 'mup-table8'] as const) {
        ctx.throwIfCancelled();
        const d = compareTraining(base('sp', p.baseWidth, opt), base(mup, p.baseWidth, opt), dataset, p.steps);
        checks.push(exactCheck(`${opt}: ${mup === 'mup' ? 'μP (Table 3)' : 'μP (Table 8)'} = SP at the base width ${p.baseWidth}, bitwise (differing elements)`, 0, d.differing));
        rows.push([opt, `SP vs ${mup}`, p.baseWidth, d.compared, d.differing, d.maxRelative, d.maxLossDiff]);
        ctx.progress(++done / total);
        await yieldToEventLoop();
      }
      for (const w of p.widths) {
        ctx.throwIfCancelled();
        const d = compareTraining(base('mup', w, opt), base('mup-table8', w, opt), dataset, p.steps);
        const wrong = compareTraining(base('mup', w, opt), { ...base('mup-table8', w, opt), parameterization: WRONG_TABLE8 }, dataset, p.steps);
        const ratio = w / p.baseWidth;
        const label = "Table 8 with Table 3's output-weight LRs (one wrong rule)";
        if (isPowerOfTwo(ratio)) {
          checks.push({ ...exactCheck(`${opt}: Table 3 ≡ Table 8 at width ${w} (ñ = ${ratio}, a power of 2): bitwise, ${p.steps} steps`, 0, d.differing), alternative: { label, measured: wrong.differing } });
        } else {
          // Equal in exact arithmetic only: the losses may differ by the band of equivalenceBand (rounding, and for
          // Adam and SignGD the branches rounding can switch); the weights themselves are listed in the table below.
          const compared = comparedLosses(opt, d.losses);
          const gap = (ls: [number, number][]) => ls.reduce((m, [a, b]) => Math.max(m, Math.abs(a - b)), 0);
          const loss = compared.reduce((m, [a, b]) => Math.max(m, Math.abs(a), Math.abs(b)), 0);
          const band = equivalenceBand(opt, compared.length, p.lr, dataset.inputDim, w, loss);
          const wrongGap = gap(comparedLosses(opt, wrong.losses));
          const what = opt === 'sgd' ? `max |Δloss| over ${p.steps} steps` : compared.length > 1 ? '|Δloss| at init and after the first update' : '|Δloss| at init (one step: no update compared)';
          checks.push({
            ...exactCheck(
              `${opt}: Table 3 ≈ Table 8 at width ${w} (ñ = ${ratio.toFixed(3)}): ${what}, within ${opt === 'sgd' ? 'rounding' : 'rounding + lr/20'}`,
              0,
              gap(compared),
              band,
              (opt === 'sgd'
                ? `band ${compared.length}·√(d_in + 2n)·2⁻²⁴·loss (float32 rounding of the ñ rescalings)`
                : `band ${compared.length}·√(d_in + 2n)·2⁻²⁴·loss + lr/20: a gradient within rounding of 0 takes a different step; later steps drift chaotically (${p.steps} steps: ${d.maxLossDiff.toPrecision(2)})`) +
                `; the wrong Table 8 gives ${wrongGap.toPrecision(2)}`,
            ),
            alternative: { label, measured: wrongGap },
          });
        }
        rows.push([opt, 'Table 3 vs Table 8', w, d.compared, d.differing, d.maxRelative, d.maxLossDiff]);
        rows.push([opt, 'Table 3 vs a wrong Table 8 (output LRs of Table 3)', w, wrong.compared, wrong.differing, wrong.maxRelative, wrong.maxLossDiff]);
        ctx.progress(++done / total);
        await yieldToEventLoop();
      }
    }
    const widest = Math.max(...p.widths);
    const shape = { inputDim: dataset.inputDim, width: widest, classes: dataset.classes };
    const plans = (['sp', 'mup', 'mup-table8'] as const).map((id) => planTensors(shape, { parameterization: id, baseWidth: p.baseWidth }));
    const perTensor: Table = {
      title: `What training uses at width ${widest} (base ${p.baseWidth}): per-tensor init std, multiplier and LR factors`,
      columns: ['tensor', 'shape', 'parameterization', 'init std', 'multiplier', 'SGD LR ×', 'Adam LR ×', 'Adam ε ×'],
      rows: plans.flatMap((ps, i) =>
        ps.map((t) => [t.name, `${t.rows}×${t.cols}`, ['SP', 'μP (Table 3)', 'μP (Table 8)'][i]!, t.initStd, t.multiplier, t.sgdLr, t.adamLr, t.adamEps]),
      ),
    };
    return {
      values: { baseWidth: p.baseWidth, steps: p.steps },
      checks,
      series: [],
      tables: [
        t3,
        t8,
        perTensor,
        { title: `Side-by-side training, ${p.steps} steps (effective weights multiplier·W compared after every step)`, columns: ['optimizer', 'pair', 'width', 'elements compared', 'differing', 'max |Δ| / max |W| (per tensor)', 'max |Δloss|'], rows },
      ],
    };
  },
});
