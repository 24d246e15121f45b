// Lab beyond problem 4: every remat strategy on one chain under one memory budget — counts, peaks, times — with the
// optimal ones checked against their closed form or an exhaustive search, and the memory–recomputation frontier.
import { z } from 'zod';
import { Hw3Error } from '../base/errors.js';
import { simulateRemat } from '../base/remat.js';
import { bruteForceOptimum } from '../planner/brute-force.js';
import { breakEvenLoadDisk } from '../planner/break-even.js';
import { checkBudget, makeChain, minimumBudget, workingSlot, MEMORY_MODELS, type Chain, type MemoryModel } from '../planner/chain.js';
import { sequentialRecomputed } from '../planner/strategies/checkpoint-sequential.js';
import { chenSegment } from '../planner/strategies/chen.js';
import { revolveForwardSteps, revolveForwardStepsByRecursion } from '../planner/closed-form.js';
import { planTrace, revolveSlotsForBudget, strategyLabel, type StrategySpec } from '../planner/plan.js';
import { simulateTrace, type TraceStats } from '../planner/simulate.js';
import { optimalFrontier, optimalSchedule, MAX_DP_STATES } from '../planner/strategies/optimal.js';
import { revolveTrace } from '../planner/strategies/revolve.js';
import { plannerBudget, plannerChain } from '../planner/lab-chain.js';
import type { Check, ExperimentOutput, Series } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { rematCachedClosedForm, rematClosedForm } from '../planner/homework-closed-form.js';
import { yieldToEventLoop } from '../lab/run.js';
import { exactCheck } from '../stats/checks.js';

const params = z.object({
  layers: z.number().int().min(1).max(100_000).default(10).describe('chain length n'),
  budget: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(0)
    .describe('memory budget in activation units (a uniform activation is 1); 0: the chain’s minimum plus room for two of its largest activations (4 for a uniform chain)'),
  every: z.number().int().min(1).max(100_000).default(5).describe('homework strategy: store every k-th activation'),
  segments: z.number().int().min(1).max(100_000).default(5).describe('checkpoint_sequential: number of segments'),
  chain: z.enum(['uniform', 'uneven']).default('uniform').describe('uniform layers, or seeded uneven sizes (1–4 units) and forward costs (0.5–2×)'),
  fwdNs: z.number().min(0).max(1e9).default(20).describe('cost of one forward step (ns)'),
  loadmemNs: z.number().min(0).max(1e9).default(10).describe('cost of reading a stored activation from memory (ns per unit)'),
  loaddiskNs: z.number().min(0).max(1e9).default(100).describe('cost of reading an activation from disk (ns per unit)'),
  diskWriteNs: z.number().min(0).max(1e9).default(0).describe('cost of writing an activation to disk (ns per unit)'),
  memory: z
    .enum(MEMORY_MODELS as [MemoryModel, ...MemoryModel[]])
    .default('lab')
    .describe('memory model: lab (a forward step holds its input and its output) or griewank (c checkpoints plus one working state, where revolve is optimal)'),
});

/** The first `layers` layers of a chain (for exhaustive checks of long chains). */
function prefix(chain: Chain, layers: number): Chain {
  const n = Math.min(layers, chain.n);
  return makeChain({
    layers: n,
    sizes: Array.from(chain.sizes.subarray(1, n + 1)),
    fwdCost: Array.from(chain.fwd.subarray(1, n + 1)),
    inputSize: chain.sizes[0]!,
    loadMemCost: chain.loadMemCost,
    loadDiskCost: chain.loadDiskCost,
    storeDiskCost: chain.storeDiskCost,
    memoryModel: chain.memoryModel,
  });
}

const dpFits = (chain: Chain, budget: number) => {
  let total = workingSlot(chain);
  for (let i = 1; i <= chain.n; i++) total += chain.sizes[i]!;
  return chain.n * chain.n * (Math.min(budget, total) + 1) <= MAX_DP_STATES;
};

/** Longest uniform chain on which revolve and the DP are compared in forward steps under both memory models. */
const MAX_COMPARED_LAYERS = 200;

const FRONTIER = 'Memory vs recomputation';

/** The memory models compared by value, with their names in labels. */
const MEMORY_MODEL_NAMES: readonly (readonly [MemoryModel, string])[] = MEMORY_MODELS.map((model) => [model, model === 'griewank' ? 'Griewank’s' : 'the lab’s']);

export const rematPlannerExperiment = defineExperiment({
  id: 'remat-planner',
  question: 'lab',
  title: 'Remat planner: every checkpointing strategy under one memory budget',
  summary: 'Plans, simulates and validates each strategy’s operation trace; checks the optimal ones; draws the memory–recomputation frontier.',
  explanation:
    'Each strategy emits an explicit trace — advance, store to memory or disk, load, backward step, free — which the ' +
    'WebAssembly simulator runs op by op: every backward step must find its activation in memory, the budget is never ' +
    'exceeded, nothing is read before it is written.\n\n' +
    'One cost rule for every strategy, the homework’s (4b: every use of a stored activation is a loadmem): a step ' +
    'reads the activation it has just computed — the working one — for free; every other use of an activation held in ' +
    'memory (a checkpoint, a kept recomputation, the inputs) is one load-mem. So a backward step costs one load-mem ' +
    'unless its activation was just computed, a recomputation costs one to start, every strategy lands near n ' +
    'load-mem, and the dynamic programs optimise exactly this cost.\n\n' +
    'Memory, lab model (the default): stored activations plus the working one, and a forward step holds its input and ' +
    'its output — a step from a checkpoint needs one unit beyond the checkpoints, a step from a working activation ' +
    'two — so any chain needs at least the largest $s_{i-1} + s_i$. Griewank’s model (memory = griewank): c ' +
    'checkpoints plus one working state that forward steps overwrite in place. Budget 0 means the chain’s minimum ' +
    'plus room for two of its largest activations.\n\n' +
    'Backward step i needs $a_i$ and the inputs are always at hand, so reversing n layers with c checkpoint slots is ' +
    'Griewank’s chain of $l = n + 1$ steps with $c + 1$ checkpoints: revolve makes exactly $t(n+1, c+1)$ forward steps ' +
    '(9 layers, 2 slots: $t(10, 3) = 15$). In Griewank’s model a budget B holds c = B − 1 slots and revolve is ' +
    'optimal: with reads free, the DP finds no schedule with fewer forward steps (checked on uniform chains). In the ' +
    'lab’s model revolve’s sweeps advance from working activations, two units a step, so it gets only c = B − 2 ' +
    'slots, while the DP can also hold B − 1 checkpoints where its next step starts from a checkpoint: on 99 uniform ' +
    'layers with budget 6, revolve (c = 4) makes t(100, 5) = 316 forward steps and the DP, reads free, 288; in ' +
    'Griewank’s model the same budget gives revolve c = 5 and t(100, 6) = 280, which the DP matches. The table ' +
    '“Revolve vs the DP” gives these numbers for the chain at hand.\n\n' +
    'The dynamic programs are exact among schedules that keep each stored activation until its backward step ' +
    '(checked by exhaustive search on up to 12 layers); freeing a checkpoint early can beat them on uneven chains.\n\n' +
    'PyTorch’s checkpoint_sequential is counted as PyTorch runs it: 9 modules in 5 segments are [1, 1, 1, 1, 5], the ' +
    'last segment runs without checkpointing, and the backward pass re-runs every layer of each checkpointed segment — ' +
    'its last one too, although the next segment saved that output — so it recomputes ⌊n/s⌋·(s − 1) layers (4 here) ' +
    'and, with those numbers, saves almost no memory. It releases each saved input before re-running the segment ' +
    'below, outside the class the DPs optimise over, so it is not compared with them. The break-even column is the ' +
    'loaddisk cost at which writing every activation to disk costs the same as the strategy.',
  closedForm: 't(l, c) = r\\,l - \\binom{c+r}{r-1},\\quad \\beta(c, r) = \\binom{c+r}{c},\\ r = \\min\\{r : \\beta(c, r) \\ge l\\}',
  params,
  values: {
    minimumBudget: { label: 'least memory budget', unit: 'memory units', meaning: 'The smallest peak memory any schedule of this chain needs.' },
    budget: { label: 'memory budget', unit: 'memory units', meaning: 'Peak memory every strategy is held to.' },
    revolveSlots: { label: 'revolve checkpoint slots', unit: 'slots', meaning: 'The most checkpoint slots c whose revolve schedule fits the budget.', tex: 'c' },
    revolveForward: { label: 'revolve forward steps', unit: 'steps', meaning: 'Forward steps of revolve’s schedule, t(n + 1, c + 1).', tex: 't(n+1, c+1)' },
    optimalOverheadNs: { label: 'optimal (memory DP) overhead', unit: 'ns', meaning: 'Recomputation and load time of the dynamic program’s schedule within the budget.' },
    twoLevelOverheadNs: { label: 'optimal with disk (two-level DP) overhead', unit: 'ns', meaning: 'The same when activations may also be written to and read from disk.' },
    homeworkBreakEvenNs: { label: 'every-k loaddisk break-even', unit: 'ns', meaning: 'The loaddisk cost below which all-on-disk beats the homework’s every-k schedule on this chain.' },
    ...Object.fromEntries(
      MEMORY_MODEL_NAMES.flatMap(([model, name]) => [
        [`${model}RevolveSteps`, { label: `revolve forward steps, ${name} memory model`, unit: 'steps', meaning: `Revolve’s t(n + 1, c + 1) with the slots the budget allows under ${name} memory model (reads free).` }],
        [`${model}DpSteps`, { label: `least forward steps (DP), ${name} memory model`, unit: 'steps', meaning: `The dynamic program’s least forward steps under ${name} memory model and the same budget (reads free); empty when the chain is too long for it.` }],
      ]),
    ),
  },
  presets: { quick: { layers: 8, budget: 3, every: 4, segments: 3 }, homework: { layers: 10, budget: 4, every: 5 }, pytorch: { layers: 9, budget: 9, segments: 5 }, large: { layers: 100_000, budget: 102 } },
  cost: {
    unit: 'planner work (≈ µs here)',
    // Measured pieces, in microseconds on the calibration machine: the exhaustive searches (the disk search over m ≤ 8
    // layers grows about 3× a layer, ≈ 70·3^m µs; the memory search over m ≤ 12 about 1.5× a layer, ≈ 400·1.5^m µs),
    // the dynamic programs where they run (≈ 1 µs a state, n²·(budget + 1) ≤ 10⁶), and every strategy's trace (≈ 11 µs
    // a layer).
    units: (p) => {
      const n = p.layers;
      const diskSearch = n <= 8 ? n : 6;
      const memorySearch = n <= 12 ? n : 10;
      const dpStates = n * n * ((p.budget || 4) + 1);
      return 70 * 3 ** diskSearch + 400 * 1.5 ** memorySearch + (dpStates <= MAX_DP_STATES ? 2 * dpStates : 0) + 11 * n;
    },
  },
  async run(p, ctx): Promise<ExperimentOutput> {
    const chain = plannerChain(p, ctx.seed);
    const n = chain.n;
    const min = minimumBudget(chain);
    const budget = checkBudget(chain, plannerBudget(chain, p.budget)); // a typed error that names the minimum
    const checks: Check[] = [];
    const rows: (string | number | null)[][] = [];
    const points: Series[] = [];
    const values: Record<string, number | null> = { minimumBudget: min, budget };

    // Revolve gets the most slots whose trace fits the budget.
    const slots = revolveSlotsForBudget(chain, budget);
    const specs: StrategySpec[] = [
      { strategy: 'every-k', every: p.every },
      { strategy: 'every-k-cached', every: p.every },
      { strategy: 'checkpoint-sequential', segments: Math.min(p.segments, n) },
      { strategy: 'chen' },
      { strategy: 'revolve', slots },
      { strategy: 'optimal', budget },
      { strategy: 'two-level', budget },
      { strategy: 'disk-all' },
    ];
    const results = new Map<string, TraceStats>();
    const model = chain.memoryModel === 'griewank' ? 'Griewank’s memory model' : 'lab memory model';
    const table = () => ({
      title: `${n}-layer ${p.chain} chain, budget ${budget}${p.budget === 0 ? ' (automatic)' : ''} (minimum ${min}), ${model}`,
      columns: ['strategy', 'forward', 'recomputed', 'load-mem', 'load-disk', 'disk writes', 'peak memory', 'peak disk', 'overhead (ns)', 'fits budget', 'break-even loaddisk (ns)'],
      rows: [...rows],
    });
    for (const [index, spec] of specs.entries()) {
      await yieldToEventLoop(); // lets a cancel or a progress callback through between strategies
      ctx.throwIfCancelled();
      const label = strategyLabel(spec, chain);
      const dp = spec.strategy === 'optimal' || spec.strategy === 'two-level';
      if (dp && !dpFits(chain, budget)) {
        rows.push([label, null, null, null, null, null, null, null, null, 'skipped: chain too long for the DP', null]);
        continue;
      }
      try {
        const trace = planTrace(chain, spec);
        const stats = simulateTrace(trace, chain);
        results.set(spec.strategy, stats);
        const even = breakEvenLoadDisk(trace, chain).loadDiskCost;
        const fits = stats.peakMemory <= budget ? 'yes' : 'no';
        rows.push([label, stats.forward, stats.recompute, stats.loadMem, stats.loadDisk, stats.storeDisk, stats.peakMemory, stats.peakDisk, stats.overhead, fits, even]);
        points.push({ plot: FRONTIER, label, x: [stats.peakMemory], y: [stats.timeRecompute], xLabel: 'peak memory (units)', yLabel: 'recomputation (ns)', kind: 'measured' });
      } catch (error) {
        if (!(error instanceof Hw3Error)) throw error;
        rows.push([label, null, null, null, null, null, null, null, null, `not planned: ${error.message}`, null]);
      }
      ctx.checkpoint({ values: { ...values }, checks: [], series: [...points], tables: [table()] });
      ctx.progress((index + 1) / (specs.length + 3), label);
    }

    // Closed forms.
    const homework = results.get('every-k');
    const k = Math.min(p.every, n);
    if (homework) {
      const closed = rematClosedForm(n, k);
      const sim = simulateRemat({ layers: n, every: k });
      checks.push(exactCheck('every-k recompute = homework closed form', closed.fwd, homework.recompute, 0, 'q·k(k−1)/2 + r(r+1)/2'));
      checks.push(exactCheck('every-k loadmem = n', n, homework.loadMem));
      if (chain.uniform && chain.memoryModel === 'lab') checks.push(exactCheck('every-k peak = homework simulator (simulateRemat)', sim.peakActivations, homework.peakMemory));
    }
    const cached = results.get('every-k-cached');
    if (cached) {
      const closed = rematCachedClosedForm(n, k);
      checks.push(exactCheck('every-k cached recompute = ⌊n/k⌋(k−1) + (n mod k)', closed.fwd, cached.recompute));
      checks.push(exactCheck('every-k cached loadmem = n (kept activations are read back)', closed.loadmem, cached.loadMem));
    }
    const sequential = results.get('checkpoint-sequential');
    if (sequential) {
      const s = Math.min(p.segments, n);
      checks.push(exactCheck(`checkpoint_sequential recompute = PyTorch’s ⌊n/s⌋·(s − 1), s = ${s}`, sequentialRecomputed(n, s), sequential.recompute));
    }
    const chen = results.get('chen');
    if (chen) {
      const c = rematCachedClosedForm(n, chenSegment(n));
      checks.push(exactCheck('Chen √n recompute = ⌊n/k⌋(k−1) + (n mod k), k = ⌈√n⌉', c.fwd, chen.recompute));
    }
    const revolve = results.get('revolve');
    if (revolve) {
      checks.push(exactCheck(`revolve forward steps = t(n + 1, c + 1), c = ${slots}`, revolveForwardSteps(n + 1, slots + 1), revolve.forward));
      checks.push(exactCheck('revolve: peak memory beyond the budget (0 when it fits)', 0, Math.max(0, revolve.peakMemory - budget), 0, `peak ${revolve.peakMemory}, budget ${budget}`));
    }
    if ((n + 1) ** 2 * (slots + 1) <= 1e7) {
      checks.push(exactCheck('t closed form = its recursion', revolveForwardStepsByRecursion(n + 1, slots + 1), revolveForwardSteps(n + 1, slots + 1)));
    }
    values.revolveSlots = slots;
    values.revolveForward = revolve?.forward ?? null;

    // Optimal strategies against exhaustive search (on the chain, or its first layers when it is long).
    await yieldToEventLoop();
    ctx.throwIfCancelled();
    for (const disk of [false, true]) {
      const small = prefix(chain, disk ? 6 : 10);
      const useWhole = n <= (disk ? 8 : 12);
      const target = useWhole ? chain : small;
      // On a prefix, half its total size keeps the budget binding (a budget that holds everything checks little).
      let half = workingSlot(target);
      for (let i = 1; i <= target.n; i++) half += target.sizes[i]! / 2;
      const b = Math.max(minimumBudget(target), useWhole ? budget : Math.min(budget, Math.ceil(half)));
      const dp = optimalSchedule(target, { budget: b, disk });
      const best = bruteForceOptimum(target, { budget: b, disk });
      const what = disk ? 'memory + disk DP' : 'memory DP';
      const where = useWhole ? `the ${n}-layer chain` : `its first ${target.n} layers`;
      checks.push(exactCheck(`${what} = exhaustive search (${where}, budget ${b})`, best, dp.cost, 1e-9 * Math.max(1, best)));
      const sim = simulateTrace(dp.trace, target, { budget: b });
      checks.push(exactCheck(`${what} trace simulates to its cost`, dp.cost, sim.time - sim.timeBackward, 1e-9 * Math.max(1, dp.cost)));
      ctx.progress((specs.length + 1 + Number(disk)) / (specs.length + 3), `exhaustive search (${what})`);
    }
    const optimal = results.get('optimal');
    const twoLevel = results.get('two-level');
    // Every other fixed strategy that fits the budget is a persistent schedule, so the DPs can only do better.
    // PyTorch's releases each saved segment input before re-running the segment below: outside that class.
    for (const [index, spec] of specs.entries()) {
      const stats = results.get(spec.strategy);
      const skip = spec.strategy === 'optimal' || spec.strategy === 'two-level' || spec.strategy === 'checkpoint-sequential';
      if (!stats || stats.peakMemory > budget || skip) continue;
      const usesDisk = stats.loadDisk > 0 || stats.storeDisk > 0;
      const dp = usesDisk ? twoLevel : optimal;
      if (!dp) continue;
      const label = strategyLabel(specs[index]!, chain);
      // How much the DP's overhead exceeds the strategy's (0 when it is no worse), within rounding of the sums.
      checks.push(exactCheck(`${usesDisk ? 'memory + disk' : 'memory'} DP overhead above ${label}’s (ns; 0 when no worse)`, 0, Math.max(0, dp.overhead - stats.overhead), 1e-12 * stats.overhead, `DP ${dp.overhead} ns, ${label} ${stats.overhead} ns`));
    }
    values.optimalOverheadNs = optimal?.overhead ?? null;
    values.twoLevelOverheadNs = twoLevel?.overhead ?? null;
    values.homeworkBreakEvenNs = homework ? breakEvenLoadDisk(planTrace(chain, specs[0]!), chain).loadDiskCost : null;

    const tables = [table()];
    // Revolve vs the DP in forward steps alone (reads free), under both memory models, on uniform chains.
    if (chain.uniform && n <= MAX_COMPARED_LAYERS) {
      const compared = compareWithRevolve(n, budget);
      tables.push(compared.table);
      for (const row of compared.rows) {
        values[`${row.model}RevolveSteps`] = row.revolveSteps;
        values[`${row.model}DpSteps`] = row.dpSteps;
        if (row.model === 'griewank' && row.dpSteps !== null) {
          checks.push(exactCheck(`Griewank’s model, budget ${row.budget}: DP’s least forward steps = revolve’s t(n + 1, c + 1), c = ${row.slots}`, row.revolveSteps, row.dpSteps, 0, 'revolve is optimal there'));
        }
      }
    }

    // Frontier: the DP's least recomputation for every budget (small chains), else revolve's points.
    const series: Series[] = [];
    if (n <= 30) {
      const recomputeOnly = { ...chain, loadMemCost: 0 };
      let totalFwd = 0;
      for (let i = 1; i <= n; i++) totalFwd += chain.fwd[i]!;
      let sizes = workingSlot(chain);
      for (let i = 1; i <= n; i++) sizes += chain.sizes[i]!;
      const frontier = optimalFrontier(recomputeOnly, { maxBudget: sizes });
      series.push({ plot: FRONTIER, label: 'optimal (DP)', x: frontier.map((f) => f.budget), y: frontier.map((f) => f.cost - totalFwd), xLabel: 'peak memory (units)', yLabel: 'recomputation (ns)', kind: 'theory' });
    } else if (chain.uniform) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let c = 1; c <= Math.min(n, 4096); c *= 2) {
        const stats = simulateTrace(revolveTrace(chain, c), chain);
        xs.push(stats.peakMemory);
        ys.push(stats.timeRecompute);
      }
      series.push({ plot: FRONTIER, label: 'revolve (c = 1, 2, 4, …)', x: xs, y: ys, xLabel: 'peak memory (units)', yLabel: 'recomputation (ns)', logX: true, kind: 'measured' });
    }
    series.push(...points);

    return { values, checks, series, tables };
  },
});

interface ComparedRow {
  model: MemoryModel;
  budget: number;
  slots: number;
  revolveSteps: number;
  dpSteps: number | null;
}

/**
 * Forward steps of revolve (the most slots that fit) and of the memory DP with free reads, on n uniform layers at the
 * same budget under each memory model: where the lab's model lets the DP beat revolve and Griewank's does not.
 */
export function compareWithRevolve(n: number, budgetUnits: number): { rows: ComparedRow[]; table: { title: string; columns: string[]; rows: (string | number | null)[][] } } {
  const rows: ComparedRow[] = MEMORY_MODELS.map((memoryModel) => {
    const steps = makeChain({ layers: n, fwdCost: 1, loadMemCost: 0, memoryModel });
    const budget = Math.max(minimumBudget(steps), budgetUnits);
    const slots = revolveSlotsForBudget(steps, budget);
    const dpSteps = dpFits(steps, budget) ? optimalSchedule(steps, { budget }).cost : null;
    return { model: memoryModel, budget, slots, revolveSteps: revolveForwardSteps(n + 1, slots + 1), dpSteps };
  });
  return {
    rows,
    table: {
      title: `Revolve vs the DP on ${n} uniform layers, forward steps only (reads free)`,
      columns: ['memory model', 'budget', 'revolve slots c', 'revolve forward steps t(n + 1, c + 1)', 'DP least forward steps', 'DP saves'],
      rows: rows.map((r) => [r.model, r.budget, r.slots, r.revolveSteps, r.dpSteps, r.dpSteps === null ? null : r.revolveSteps - r.dpSteps]),
    },
  };
}
