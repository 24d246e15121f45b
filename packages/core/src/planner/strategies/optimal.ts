// Optimal schedules by dynamic programming over segments, exact for this trace model: a heterogeneous chain (per-layer
// forward costs and activation sizes, a memory budget in size units; in the spirit of rotor, Beaumont et al.) and,
// with `disk`, a second storage level with its own read/write costs (in the spirit of H-Revolve, Herrmann & Pallez).
//
// solve(j, i, m, src, at): least cost to run backward steps i…j+1 when a_j is the source (src MEM: a checkpoint or the
// inputs; DISK: on disk only), m memory units are free beyond the checkpoints held below, and at = a_j is the working
// activation. From a_j we advance to some a_k and then: k = i → backward i, rest (j, i−1]; or store a_k in memory
// (upper part (k, i] with m − s_k), or on disk (upper part with m; a_k read back — or promoted to memory when first
// reloaded — or recomputed, for its own step). O(n³·B) time, O(n²·B) memory.
//
// Costs follow the simulator's one rule: reading the working activation is free, every other read of an activation
// in memory is one loadmem — loading a_j to advance from it, and the backward step of a stored a_k (by then a_k is no
// longer the working activation). Memory follows the chain's model: in the lab's, an advance holds its input and its
// output; in Griewank's, a working slot is reserved up front and advances need nothing more.
//
// Exact among *persistent* schedules — a stored activation stays until its own backward step, and no other working
// activation is held across a backward step — the class revolve, rotor and H-Revolve optimise over. Freeing a
// checkpoint early to give its memory to the layers above can do better on uneven chains: the exhaustive search
// (brute-force.ts, `persistent: false`) measures that gap.
import { InvalidArgumentError } from '../../base/errors.js';
import { checkBudget, minimumBudget, workingSlot, type Chain } from '../chain.js';
import { TraceBuilder, type Trace } from '../trace.js';

/** Largest n²·(budget + 1) the DP accepts (its table has 6 entries per state). */
export const MAX_DP_STATES = 1e6;

/** Options of {@link optimalSchedule}. */
export interface OptimalOptions {
  /** Memory budget in size units (at least the chain's minimum). */
  budget: number;
  /** Allow a disk level (unlimited slots, chain.loadDiskCost / storeDiskCost per unit). Default false. */
  disk?: boolean;
}

/** The cheapest schedule within a memory budget, found by dynamic programming. */
export interface OptimalSchedule {
  /** Least forward + load + disk-write cost (backward costs excluded: every schedule pays them once). */
  cost: number;
  trace: Trace;
  /** The budget the DP worked with (capped at Σ sizes: more cannot help). */
  budget: number;
}

const MEM = 0;
const DISK = 1;
// choice codes
const ADV_BACKWARD = 0;
const STORE_MEM = 1;
const STORE_DISK_RELOAD = 2;
const STORE_DISK_RECOMPUTE = 3;
const PROMOTE = 4;

/**
 * The optimal schedule of a chain under a memory budget, memory only or memory + disk.
 * @throws InvalidArgumentError when the budget is below the chain's minimum (the message says the minimum), or when
 *   the chain is too large for the DP (n²·(budget + 1) > 4·10^6: use revolve).
 */
export function optimalSchedule(chain: Chain, options: OptimalOptions): OptimalSchedule {
  checkBudget(chain, options.budget);
  const solver = makeSolver(chain, options.budget, options.disk ?? false);
  return solver.schedule(solver.budget);
}

/**
 * The optimal cost for every budget from the chain's minimum to `maxBudget` (capped at Σ sizes), from one table:
 * the memory–time Pareto frontier of persistent schedules.
 * @throws InvalidArgumentError as optimalSchedule.
 */
export function optimalFrontier(chain: Chain, options: { maxBudget: number; disk?: boolean }): { budget: number; cost: number }[] {
  const min = minimumBudget(chain);
  checkBudget(chain, options.maxBudget, 'maxBudget');
  const solver = makeSolver(chain, options.maxBudget, options.disk ?? false);
  const out: { budget: number; cost: number }[] = [];
  for (let m = min; m <= solver.budget; m++) out.push({ budget: m, cost: solver.cost(m) });
  return out;
}

function makeSolver(chain: Chain, budget: number, disk: boolean) {
  const n = chain.n;
  const s = chain.sizes;
  const f = chain.fwd;
  let total = 0;
  for (let i = 1; i <= n; i++) total += s[i]!;
  const griewank = chain.memoryModel === 'griewank';
  const reserve = workingSlot(chain); // Griewank's working slot, held throughout
  const B = Math.min(Math.floor(budget), total + reserve);
  if (n * n * (B + 1) > MAX_DP_STATES) {
    throw new InvalidArgumentError('layers', n, `small enough for the dynamic program (n²·(budget + 1) ≤ ${MAX_DP_STATES}; budget ${B}); use revolve for longer chains`);
  }
  const { loadMemCost: lm, loadDiskCost: rd, storeDiskCost: wd } = chain;
  // State combos: MEM source (at 0/1), DISK source (at 0/1 × end 0/1); `end` = a_j must be in memory when the
  // segment is done (for its own backward step): read back at the end, or promoted to a memory checkpoint earlier.
  const COMBOS = 6;
  const combo = (src: number, at: number, end: number) => (src === MEM ? at : 2 + 2 * at + end);
  const size = n * (n + 1) * (B + 1) * COMBOS;
  const memo = new Float64Array(size).fill(NaN);
  const choice = new Int32Array(size);
  const keyOf = (j: number, i: number, m: number, src: number, at: number, end: number) =>
    ((j * (n + 1) + i) * (B + 1) + m) * COMBOS + combo(src, at, end);

  function solve(j: number, i: number, m: number, src: number, at: number, end: number): number {
    const sj = j === 0 ? 0 : s[j]!;
    if (i <= j) return end ? (at ? 0 : griewank || sj <= m ? rd * sj : Infinity) : 0;
    const key = keyOf(j, i, m, src, at, end);
    const known = memo[key]!;
    if (!Number.isNaN(known)) return known;
    let best = Infinity;
    let pick = -1;
    const start = at ? 0 : src === MEM ? lm * s[j]! : rd * sj;
    const feasibleStart = griewank || !(src === DISK && !at && sj > m);
    const w0 = src === DISK ? sj : 0; // lab model: a disk source's working copy occupies memory while we advance from it
    let F = 0;
    let T = 0;
    for (let k = j + 1; k <= i && feasibleStart; k++) {
      if (!griewank) {
        T = Math.max(T, (k === j + 1 ? w0 : s[k - 1]!) + s[k]!);
        if (T > m) break;
      }
      F += f[k]!;
      const base = start + F;
      if (base >= best) break;
      if (k === i) {
        const c = base + solve(j, i - 1, m, src, 0, end);
        if (c < best) [best, pick] = [c, ADV_BACKWARD * (n + 1) + k];
        continue;
      }
      const sk = s[k]!;
      if (sk <= m) {
        // + the backward step of a_k reading its checkpoint
        const c = base + lm * sk + solve(k, i, m - sk, MEM, 1, 0) + solve(j, k - 1, m, src, 0, end);
        if (c < best) [best, pick] = [c, STORE_MEM * (n + 1) + k];
      }
      if (disk) {
        const write = base + wd * sk;
        const reload = write + solve(k, i, m, DISK, 1, 1) + solve(j, k - 1, m, src, 0, end);
        if (reload < best) [best, pick] = [reload, STORE_DISK_RELOAD * (n + 1) + k];
        const recompute = write + solve(k, i, m, DISK, 1, 0) + solve(j, k, m, src, 0, end);
        if (recompute < best) [best, pick] = [recompute, STORE_DISK_RECOMPUTE * (n + 1) + k];
      }
    }
    if (src === DISK && end && sj <= m) {
      // Promote a_j to a memory checkpoint (kept until its backward step, which reads it) and go on from memory.
      const c = start + lm * sj + solve(j, i, m - sj, MEM, 1, 0);
      if (c < best) [best, pick] = [c, PROMOTE * (n + 1)];
    }
    memo[key] = best;
    choice[key] = pick;
    return best;
  }

  let t = new TraceBuilder();
  // Emits the segment's ops; returns true when a_j ended as a memory checkpoint (promoted), for the caller to free.
  const emit = (j: number, i: number, m: number, src: number, at: number, end: number): boolean => {
    if (i <= j) {
      if (end && !at) t.loadDisk(j);
      return false;
    }
    solve(j, i, m, src, at, end);
    const pick = choice[keyOf(j, i, m, src, at, end)]!;
    const code = Math.floor(pick / (n + 1));
    const k = pick % (n + 1);
    if (!at) {
      if (src === MEM) t.loadMem(j);
      else t.loadDisk(j);
    }
    if (code === PROMOTE) {
      t.storeMem(j);
      emit(j, i, m - s[j]!, MEM, 1, 0);
      return true;
    }
    t.advance(k - j);
    if (code === ADV_BACKWARD) {
      t.backward(i);
      return emit(j, i - 1, m, src, 0, end);
    }
    if (code === STORE_MEM) {
      t.storeMem(k);
      emit(k, i, m - s[k]!, MEM, 1, 0);
      t.backward(k).freeMem(k);
      return emit(j, k - 1, m, src, 0, end);
    }
    t.storeDisk(k);
    if (code === STORE_DISK_RELOAD) {
      const inMemory = emit(k, i, m, DISK, 1, 1);
      t.backward(k);
      if (inMemory) t.freeMem(k);
      t.freeDisk(k);
      return emit(j, k - 1, m, src, 0, end);
    }
    emit(k, i, m, DISK, 1, 0);
    t.freeDisk(k);
    return emit(j, k, m, src, 0, end);
  };
  const cost = (m: number) => {
    const c = solve(0, n, m - reserve, MEM, 1, 0);
    if (!Number.isFinite(c)) throw new Error(`optimalSchedule: no schedule within budget ${m} (a bug: the budget passed the minimum check)`);
    return c;
  };
  const schedule = (m: number): OptimalSchedule => {
    const c = cost(m);
    t = new TraceBuilder();
    emit(0, n, m - reserve, MEM, 1, 0);
    return { cost: c, trace: t.finish(), budget: m };
  };
  return { budget: B, cost, schedule };
}
