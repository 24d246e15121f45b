// Lab beyond problem 4: every remat strategy on one chain under one memory budget — counts, peaks, times — with the
// optimal ones checked against their closed form or an exhaustive search, and the memory–recomputation frontier.
import { z } from 'zod';
import { Hw3Error } from '../errors.js';
import { createRng } from '../rng.js';
import { simulateRemat } from '../remat.js';
import { bruteForceOptimum } from '../planner/brute-force.js';
import { breakEvenLoadDisk } from '../planner/break-even.js';
import { checkBudget, makeChain, minimumBudget, type Chain } from '../planner/chain.js';
import { revolveForwardSteps, revolveForwardStepsByRecursion } from '../planner/closed-form.js';
import { planTrace, revolveSlotsForBudget, strategyLabel, type StrategySpec } from '../planner/plan.js';
import { simulateTrace, type TraceStats } from '../planner/simulate.js';
import { optimalFrontier, optimalSchedule, MAX_DP_STATES } from '../planner/strategies/optimal.js';
import { revolveTrace } from '../planner/strategies/revolve.js';
import type { Check, Experiment, ExperimentOutput, Series } from './api.js';
import { rematClosedForm } from './remat.js';
import { yieldToEventLoop } from './run.js';
import { exactCheck } from './stats.js';

const params = z.object({
  layers: z.number().int().min(1).max(100_000).default(10).describe('chain length n'),
  budget: z.number().int().min(1).max(1_000_000).default(4).describe('memory budget in activation units (a uniform activation is 1)'),
  every: z.number().int().min(1).max(100_000).default(5).describe('homework strategy: store every k-th activation'),
  segments: z.number().int().min(1).max(100_000).default(5).describe('checkpoint_sequential: number of segments'),
  chain: z.enum(['uniform', 'uneven']).default('uniform').describe('uniform layers, or seeded uneven sizes (1–4 units) and forward costs (0.5–2×)'),
  fwdNs: z.number().min(0).max(1e9).default(20).describe('cost of one forward step (ns)'),
  loadmemNs: z.number().min(0).max(1e9).default(10).describe('cost of reading a stored activation from memory (ns per unit)'),
  loaddiskNs: z.number().min(0).max(1e9).default(100).describe('cost of reading an activation from disk (ns per unit)'),
  diskWriteNs: z.number().min(0).max(1e9).default(0).describe('cost of writing an activation to disk (ns per unit)'),
});
type Params = z.output<typeof params>;

/** The chain the parameters describe (uneven: sizes and costs drawn from the seed). */
export function plannerChain(p: Pick<Params, 'layers' | 'chain' | 'fwdNs' | 'loadmemNs' | 'loaddiskNs' | 'diskWriteNs'>, seed: number): Chain {
  const uneven = p.chain === 'uneven';
  const rng = createRng(seed);
  return makeChain({
    layers: p.layers,
    sizes: uneven ? Array.from({ length: p.layers }, () => 1 + rng.int(4)) : 1,
    fwdCost: uneven ? Array.from({ length: p.layers }, () => p.fwdNs * (0.5 + 1.5 * rng.uniform())) : p.fwdNs,
    inputSize: 1,
    loadMemCost: p.loadmemNs,
    loadDiskCost: p.loaddiskNs,
    storeDiskCost: p.diskWriteNs,
  });
}

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
  });
}

const dpFits = (chain: Chain, budget: number) => {
  let total = 0;
  for (let i = 1; i <= chain.n; i++) total += chain.sizes[i]!;
  return chain.n * chain.n * (Math.min(budget, total) + 1) <= MAX_DP_STATES;
};

const FRONTIER = 'Memory vs recomputation';

export const rematPlannerExperiment: Experiment<typeof params> = {
  id: 'remat-planner',
  question: 'lab',
  title: 'Remat planner: every checkpointing strategy under one memory budget',
  summary: 'Plans, simulates and validates each strategy’s operation trace; checks the optimal ones; draws the memory–recomputation frontier.',
  explanation:
    'Each strategy emits an explicit trace — advance, store to memory or disk, load, backward step, free — which the ' +
    'WebAssembly simulator runs op by op: every backward step must find its activation in memory, the budget is never ' +
    'exceeded, nothing is read before it is written. Memory counts stored activations plus the working one; during a ' +
    'forward step its input and output are both alive, so any chain needs at least the largest $s_{i-1} + s_i$.\n\n' +
    'Backward step i needs $a_i$ and the inputs are always at hand, so reversing n layers with c checkpoint slots is ' +
    'Griewank’s chain of $l = n + 1$ steps with $c + 1$ checkpoints: revolve makes exactly $t(n+1, c+1)$ forward steps ' +
    '(9 layers, 2 slots: $t(10, 3) = 15$). The dynamic programs are exact among schedules that keep each stored ' +
    'activation until its backward step (checked by exhaustive search on up to 12 layers); freeing a checkpoint early ' +
    'can beat them on uneven chains.\n\n' +
    'PyTorch’s checkpoint_sequential splits 9 modules into 5 segments as [1, 1, 1, 1, 5] and keeps the last segment ' +
    'whole, so with those numbers it saves nothing. The break-even column is the loaddisk cost at which writing every ' +
    'activation to disk costs the same as the strategy.',
  closedForm: 't(l, c) = r\\,l - \\binom{c+r}{r-1},\\quad \\beta(c, r) = \\binom{c+r}{c},\\ r = \\min\\{r : \\beta(c, r) \\ge l\\}',
  params,
  presets: { quick: { layers: 8, budget: 3, every: 4, segments: 3 }, homework: { layers: 10, budget: 4, every: 5 }, pytorch: { layers: 9, budget: 9, segments: 5 }, large: { layers: 100_000, budget: 102 } },
  async run(p, ctx): Promise<ExperimentOutput> {
    const chain = plannerChain(p, ctx.seed);
    const n = chain.n;
    const budget = p.budget;
    const min = minimumBudget(chain);
    checkBudget(chain, budget); // a typed error that names the minimum
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
    const table = () => ({
      title: `${n}-layer ${p.chain} chain, budget ${budget} (minimum ${min})`,
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
      if (chain.uniform) checks.push(exactCheck('every-k peak = homework simulator (simulateRemat)', sim.peakActivations, homework.peakMemory));
    }
    const revolve = results.get('revolve');
    if (revolve) {
      checks.push(exactCheck(`revolve forward steps = t(n + 1, c + 1), c = ${slots}`, revolveForwardSteps(n + 1, slots + 1), revolve.forward));
      checks.push(exactCheck('revolve fits the budget (1 = yes)', 1, revolve.peakMemory <= budget ? 1 : 0, 0, `peak ${revolve.peakMemory} ≤ budget ${budget}`));
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
      let half = 0;
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
    // Every fixed strategy that fits the budget is a persistent schedule, so the DPs can only do better.
    for (const [index, spec] of specs.entries()) {
      const stats = results.get(spec.strategy);
      if (!stats || stats.peakMemory > budget || spec.strategy === 'optimal' || spec.strategy === 'two-level') continue;
      const usesDisk = stats.loadDisk > 0 || stats.storeDisk > 0;
      const dp = usesDisk ? twoLevel : optimal;
      if (!dp) continue;
      const label = strategyLabel(specs[index]!, chain);
      const ok = dp.overhead <= stats.overhead * (1 + 1e-12);
      checks.push(exactCheck(`${usesDisk ? 'memory + disk' : 'memory'} DP overhead ≤ ${label} (1 = yes)`, 1, ok ? 1 : 0, 0, `${dp.overhead} ≤ ${stats.overhead} ns`));
    }
    values.optimalOverheadNs = optimal?.overhead ?? null;
    values.twoLevelOverheadNs = twoLevel?.overhead ?? null;
    values.homeworkBreakEvenNs = homework ? breakEvenLoadDisk(planTrace(chain, specs[0]!), chain).loadDiskCost : null;

    // Frontier: the DP's least recomputation for every budget (small chains), else revolve's points.
    const series: Series[] = [];
    if (n <= 30) {
      const recomputeOnly = { ...chain, loadMemCost: 0 };
      let totalFwd = 0;
      for (let i = 1; i <= n; i++) totalFwd += chain.fwd[i]!;
      let sizes = 0;
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

    return {
      values,
      checks,
      series,
      tables: [table()],
    };
  },
};
