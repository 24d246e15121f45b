// Every strategy behind one call: a strategy spec → its trace. Budgets are in size units (slots for uniform chains).
import { InvalidArgumentError } from '../base/errors.js';
import { checkBudget, type Chain } from './chain.js';
import { simulateTrace } from './simulate.js';
import { checkpointSequentialTrace, sequentialSegments } from './strategies/checkpoint-sequential.js';
import { chenSegment, chenTrace } from './strategies/chen.js';
import { diskAllTrace } from './strategies/disk.js';
import { everyKTrace } from './strategies/every-k.js';
import { optimalSchedule } from './strategies/optimal.js';
import { revolveTrace } from './strategies/revolve.js';
import type { Trace } from './trace.js';

/** A rematerialization strategy and its parameter. */
export type StrategySpec =
  | { strategy: 'every-k'; every: number }
  | { strategy: 'every-k-cached'; every: number }
  | { strategy: 'checkpoint-sequential'; segments: number }
  | { strategy: 'chen' }
  | { strategy: 'revolve'; slots: number }
  | { strategy: 'optimal'; budget: number }
  | { strategy: 'two-level'; budget: number }
  | { strategy: 'disk-all' };

/** The strategies' ids. */
export type StrategyId = StrategySpec['strategy'];

/** The strategies, in the order apps list them. */
export const STRATEGIES: readonly { id: StrategyId; title: string; summary: string }[] = [
  { id: 'every-k', title: 'homework: every k-th', summary: 'store every k-th activation, recompute each needed one from the nearest stored below (no caching)' },
  { id: 'every-k-cached', title: 'every k-th, segments cached', summary: 'as the homework, but each segment is recomputed once and kept' },
  { id: 'checkpoint-sequential', title: 'PyTorch checkpoint_sequential', summary: 'as PyTorch runs it: segments of ⌊n/segments⌋, the last one takes the rest and is not checkpointed; the backward pass re-runs every layer of each checkpointed segment' },
  { id: 'chen', title: 'Chen √n', summary: '⌈√n⌉-layer segments recomputed once: one extra forward pass, O(√n) memory' },
  { id: 'revolve', title: 'revolve (binomial)', summary: 'Griewank–Walther: t(n + 1, c + 1) forward steps with c checkpoint slots, the fewest possible in Griewank’s memory model (c checkpoints plus one working state)' },
  { id: 'optimal', title: 'optimal (DP, memory)', summary: 'dynamic program over segments: least time within a memory budget, uneven costs and sizes (rotor-like)' },
  { id: 'two-level', title: 'optimal (DP, memory + disk)', summary: 'the same with a disk level and its read/write costs (H-Revolve-like)' },
  { id: 'disk-all', title: 'everything on disk', summary: 'every activation written to disk and read back once: no recomputation' },
];

/** A human label for a spec: 'every-k (k = 5)', 'revolve (c = 3)'. */
export function strategyLabel(spec: StrategySpec, chain: Chain): string {
  switch (spec.strategy) {
    case 'every-k':
      return `every k-th (k = ${Math.min(spec.every, chain.n)})`;
    case 'every-k-cached':
      return `every k-th cached (k = ${Math.min(spec.every, chain.n)})`;
    case 'checkpoint-sequential':
      return `checkpoint_sequential (${spec.segments} → [${sequentialSegments(chain.n, spec.segments).join(', ')}])`;
    case 'chen':
      return `Chen √n (k = ${chenSegment(chain.n)})`;
    case 'revolve':
      return `revolve (c = ${spec.slots})`;
    case 'optimal':
      return `optimal DP (budget ${spec.budget})`;
    case 'two-level':
      return `optimal DP + disk (budget ${spec.budget})`;
    case 'disk-all':
      return 'everything on disk';
  }
}

/**
 * The trace of a strategy on a chain.
 * @throws InvalidArgumentError for an unknown strategy or a bad parameter (k < 1, segments outside 1…n, negative
 *   slots, a budget below the chain's minimum — the message gives it).
 */
export function planTrace(chain: Chain, spec: StrategySpec): Trace {
  switch (spec?.strategy) {
    case 'every-k':
      return everyKTrace(chain, spec.every, false);
    case 'every-k-cached':
      return everyKTrace(chain, spec.every, true);
    case 'checkpoint-sequential':
      return checkpointSequentialTrace(chain, spec.segments);
    case 'chen':
      return chenTrace(chain);
    case 'revolve':
      return revolveTrace(chain, spec.slots);
    case 'optimal':
      return optimalSchedule(chain, { budget: spec.budget }).trace;
    case 'two-level':
      return optimalSchedule(chain, { budget: spec.budget, disk: true }).trace;
    case 'disk-all':
      return diskAllTrace(chain);
    default:
      throw new InvalidArgumentError('strategy', (spec as { strategy?: unknown })?.strategy, `one of ${STRATEGIES.map((s) => s.id).join(', ')}`);
  }
}

/**
 * The most checkpoint slots revolve can use within a memory budget: the largest c whose trace's peak memory fits
 * (binary search on c; c = 0 needs only the chain's minimum).
 * @throws InvalidArgumentError for a budget below the chain's minimum.
 */
export function revolveSlotsForBudget(chain: Chain, budget: number): number {
  checkBudget(chain, budget);
  const fits = (c: number) => simulateTrace(revolveTrace(chain, c), chain).peakMemory <= budget;
  let lo = 0;
  let hi = chain.n;
  // Peak memory grows by at most the largest size per slot, so c ≤ budget / min size bounds the search.
  let minSize = Infinity;
  for (let i = 1; i <= chain.n; i++) minSize = Math.min(minSize, chain.sizes[i]!);
  hi = Math.min(hi, Math.floor(budget / minSize));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
