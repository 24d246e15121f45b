// Lab: one strategy's schedule drawn op by op — which activations are computed, recomputed, stored (memory or disk)
// and consumed by backward steps — as a table (rows = ops, columns = layers) and as series (working position, memory).
import { z } from 'zod';
import { makeChain, checkBudget, MEMORY_MODELS, type MemoryModel } from '../planner/chain.js';
import { revolveForwardSteps } from '../planner/closed-form.js';
import { planTrace, strategyLabel, STRATEGIES, type StrategyId, type StrategySpec } from '../planner/plan.js';
import { simulateTrace } from '../planner/simulate.js';
import { traceTimeline } from '../planner/timeline.js';
import type { Check, ExperimentOutput } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { rematClosedForm } from '../planner/homework-closed-form.js';
import { plannerBudget, plannerChain } from '../planner/lab-chain.js';
import { exactCheck } from '../stats/checks.js';

const ids = STRATEGIES.map((s) => s.id) as [StrategyId, ...StrategyId[]];

const params = z.object({
  strategy: z.enum(ids).default('revolve').describe(`strategy: ${ids.join(', ')}`),
  layers: z.number().int().min(1).max(64).default(10).describe('chain length n (at most 64 to draw)'),
  slots: z.number().int().min(0).max(64).default(2).describe('revolve: checkpoint slots c (the inputs not counted)'),
  budget: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(0)
    .describe('optimal / two-level: memory budget in activation units; 0: the chain’s minimum plus room for two of its largest activations (4 for a uniform chain)'),
  every: z.number().int().min(1).max(64).default(5).describe('every-k: store every k-th activation'),
  segments: z.number().int().min(1).max(64).default(5).describe('checkpoint-sequential: number of segments'),
  chain: z.enum(['uniform', 'uneven']).default('uniform').describe('uniform layers, or seeded uneven sizes and forward costs'),
  fwdNs: z.number().min(0).max(1e9).default(20).describe('cost of one forward step (ns)'),
  loadmemNs: z.number().min(0).max(1e9).default(10).describe('cost of reading a stored activation from memory (ns per unit)'),
  loaddiskNs: z.number().min(0).max(1e9).default(100).describe('cost of reading an activation from disk (ns per unit)'),
  diskWriteNs: z.number().min(0).max(1e9).default(0).describe('cost of writing an activation to disk (ns per unit)'),
  memory: z
    .enum(MEMORY_MODELS as [MemoryModel, ...MemoryModel[]])
    .default('lab')
    .describe('memory model: lab (a forward step holds its input and its output) or griewank (checkpoints plus one working state)'),
});

export const rematScheduleExperiment = defineExperiment({
  id: 'remat-schedule',
  question: 'lab',
  title: 'Remat schedule: one strategy’s trace, op by op',
  summary: 'Plans one strategy, validates its trace in WebAssembly and lays it out as a timeline of layers × ops.',
  explanation:
    'Rows are the trace’s operations in order, columns the activations $a_1 … a_n$. A cell shows what the op does to ' +
    'that activation — f computed for the first time, r recomputed, B its backward step — or what is held after it: ' +
    'M stored in memory, D on disk, + both, w the working activation.\n\n' +
    'The series draw the same schedule as curves: the position of the working activation over the ops (revolve’s ' +
    'saw-tooth) and the memory in use, which never exceeds the peak the simulator reports. Memory follows the chosen ' +
    'model: lab (checkpoints plus the working activation, a forward step holding its input and its output) or ' +
    'griewank (checkpoints plus one working state). Every use of a stored activation other than the one just ' +
    'computed is one load-mem.',
  closedForm: 't(n + 1, c + 1) = r\\,(n+1) - \\binom{c+r+1}{r-1}',
  params,
  values: {
    ops: { label: 'trace operations', unit: 'ops', meaning: 'Operations in the schedule’s trace (advance, store, load, backward, free).' },
    forward: { label: 'forward steps', unit: 'steps', meaning: 'All forward steps of the schedule, first computations and recomputations.' },
    recompute: { label: 'recomputed forward steps', unit: 'steps', meaning: 'Forward steps beyond the first pass: what rematerialization costs.' },
    loadMem: { label: 'memory loads', unit: 'loads', meaning: 'Reads of an activation held in memory other than the one just computed.' },
    loadDisk: { label: 'disk loads', unit: 'loads', meaning: 'Reads of activations from disk.' },
    storeDisk: { label: 'disk writes', unit: 'writes', meaning: 'Activations written to disk.' },
    peakMemory: { label: 'peak memory', unit: 'memory units', meaning: 'Most activation memory in use at once, in activation units.' },
    peakDisk: { label: 'peak disk', unit: 'memory units', meaning: 'Most activation storage on disk at once.' },
    overheadNs: { label: 'overhead', unit: 'ns', meaning: 'Time beyond one forward pass and the backward steps: recomputation, loads and disk traffic.' },
    timeNs: { label: 'total time', unit: 'ns', meaning: 'Simulated time of the whole schedule.' },
  },
  presets: { quick: { strategy: 'revolve', layers: 6, slots: 1 }, homework: { strategy: 'every-k', layers: 10, every: 5 }, revolve: { strategy: 'revolve', layers: 9, slots: 2 } },
  // The trace and its timeline table: about n operations per layer for the schedules drawn here (n ≤ 64).
  cost: { unit: 'timeline cells (ops × layers)', units: (p) => p.layers * p.layers },
  async run(p, ctx): Promise<ExperimentOutput> {
    const chain =
      p.chain === 'uniform'
        ? makeChain({ layers: p.layers, fwdCost: p.fwdNs, loadMemCost: p.loadmemNs, loadDiskCost: p.loaddiskNs, storeDiskCost: p.diskWriteNs, memoryModel: p.memory })
        : plannerChain(p, ctx.seed);
    const n = chain.n;
    const budget = plannerBudget(chain, p.budget);
    const spec: StrategySpec = (() => {
      switch (p.strategy) {
        case 'every-k':
        case 'every-k-cached':
          return { strategy: p.strategy, every: p.every };
        case 'checkpoint-sequential':
          return { strategy: p.strategy, segments: Math.min(p.segments, n) };
        case 'revolve':
          return { strategy: p.strategy, slots: p.slots };
        case 'optimal':
        case 'two-level':
          checkBudget(chain, budget);
          return { strategy: p.strategy, budget };
        default:
          return { strategy: p.strategy };
      }
    })();
    const trace = planTrace(chain, spec);
    const stats = simulateTrace(trace, chain, p.strategy === 'optimal' || p.strategy === 'two-level' ? { budget } : {});
    ctx.progress(0.5, 'validated');
    const timeline = traceTimeline(trace, chain);

    const checks: Check[] = [exactCheck('backward steps (trace valid)', n, stats.backward)];
    if (p.strategy === 'revolve') {
      const c = Math.min(p.slots, n);
      checks.push(exactCheck(`forward steps = t(n + 1, c + 1) = t(${n + 1}, ${c + 1})`, revolveForwardSteps(n + 1, c + 1), stats.forward));
    }
    if (p.strategy === 'every-k') checks.push(exactCheck('recomputed = homework closed form', rematClosedForm(n, Math.min(p.every, n)).fwd, stats.recompute));
    const maxMemory = Math.max(0, ...timeline.rows.map((r) => r.memory));
    const overPeak = timeline.rows.filter((r) => r.memory > stats.peakMemory).length;
    checks.push(exactCheck(`ops after which memory exceeds the simulated peak (of ${timeline.rows.length})`, 0, overPeak, 0, `largest ${maxMemory}, peak ${stats.peakMemory}`));

    const steps = timeline.rows.map((_, k) => k);
    return {
      values: {
        ops: stats.ops,
        forward: stats.forward,
        recompute: stats.recompute,
        loadMem: stats.loadMem,
        loadDisk: stats.loadDisk,
        storeDisk: stats.storeDisk,
        peakMemory: stats.peakMemory,
        peakDisk: stats.peakDisk,
        overheadNs: stats.overhead,
        timeNs: stats.time,
      },
      checks,
      series: [
        { plot: 'Schedule', label: 'working activation (layer)', x: steps, y: timeline.rows.map((r) => r.working), xLabel: 'op', yLabel: 'layer', kind: 'measured' },
        { plot: 'Memory in use', label: 'memory after the op (units)', x: steps, y: timeline.rows.map((r) => r.memory), xLabel: 'op', yLabel: 'units', kind: 'measured' },
      ],
      tables: [
        {
          title: `${strategyLabel(spec, chain)} on ${n} layers — ${timeline.legend}`,
          columns: ['#', 'op', ...Array.from({ length: n }, (_, i) => `a${i + 1}`), 'memory'],
          rows: timeline.rows.map((r, k) => [k, r.op, ...r.cells, r.memory]),
        },
      ],
    };
  },
});
