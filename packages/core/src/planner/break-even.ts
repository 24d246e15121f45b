// The loaddisk time at which "store everything on disk" ties with a strategy. Both overheads are linear in the
// disk-read cost rd: strategy A + L·rd (L = size units it reads from disk), disk-all S·rd + wd·S (S = Σ sizes).
import type { Chain } from './chain.js';
import { simulateTrace } from './simulate.js';
import type { Trace } from './trace.js';

/** When reading from disk beats recomputing: the break-even disk cost per unit for a trace on a chain. */
export interface BreakEven {
  /** Disk-read cost per size unit at which both cost the same; null when there is none (see `note`). */
  loadDiskCost: number | null;
  /** The strategy's overhead when disk reads are free, and the size units it reads from disk. */
  overheadWithoutDisk: number;
  diskUnits: number;
  note: string;
}

/**
 * Solves A + L·rd = S·rd + wd·S for rd. Homework: n = 10, every 5th stored, fwd 20, loadmem 10 → 50 ns.
 * @throws TraceError when the trace is invalid for the chain.
 */
export function breakEvenLoadDisk(trace: Trace, chain: Chain): BreakEven {
  const free = simulateTrace(trace, { ...chain, loadDiskCost: 0 });
  const unit = simulateTrace(trace, { ...chain, loadDiskCost: 1 });
  const A = free.overhead;
  const L = unit.timeLoadDisk;
  let S = 0;
  for (let i = 1; i <= chain.n; i++) S += chain.sizes[i]!;
  const base = { overheadWithoutDisk: A, diskUnits: L };
  if (S === L) {
    return { ...base, loadDiskCost: null, note: 'the strategy reads every activation from disk itself: no break-even' };
  }
  const rd = (A - chain.storeDiskCost * S) / (S - L);
  if (rd < 0) return { ...base, loadDiskCost: null, note: 'disk writes alone cost more than this strategy: disk never wins' };
  return { ...base, loadDiskCost: rd, note: 'disk wins below this loaddisk cost per unit' };
}
