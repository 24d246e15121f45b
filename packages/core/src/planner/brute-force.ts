// Exhaustive search over every trace of a small chain (Dijkstra on the simulator's states), to check that the
// dynamic programs are optimal. A state is (next backward step, working activation, memory set, disk set); an op
// moves between states at its cost. Only dominated moves are left out: advancing past the next needed activation,
// and keeping an activation after its backward step (it is never needed again). With `persistent` (the default) the
// search is limited to the class the dynamic programs optimise over: no checkpoint is freed before its backward step
// and no unstored working activation is held across a backward step.
import { InvalidArgumentError } from '../base/errors.js';
import { checkBudget, workingSlot, type Chain } from './chain.js';
import type { Op, OpName } from './trace.js';

/** Options of the exhaustive search (small chains only): the memory budget and whether disk is allowed. */
export interface BruteForceOptions {
  budget: number;
  /** Allow a disk level (default false). */
  disk?: boolean;
  /** Only persistent schedules (default true); false searches every trace. */
  persistent?: boolean;
}

/** Longest chain searched: 12 layers in memory only, 8 with a disk. */
export const MAX_BRUTE_FORCE_LAYERS = { memory: 12, disk: 8 } as const;

class MinHeap {
  #keys: number[] = [];
  #costs: number[] = [];
  get size(): number {
    return this.#keys.length;
  }
  push(key: number, cost: number): void {
    const k = this.#keys;
    const c = this.#costs;
    let i = k.length;
    k.push(key);
    c.push(cost);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (c[p]! <= cost) break;
      k[i] = k[p]!;
      c[i] = c[p]!;
      i = p;
    }
    k[i] = key;
    c[i] = cost;
  }
  pop(): [number, number] {
    const k = this.#keys;
    const c = this.#costs;
    const top: [number, number] = [k[0]!, c[0]!];
    const lastK = k.pop()!;
    const lastC = c.pop()!;
    if (k.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k.length) break;
        const r = l + 1;
        const m = r < k.length && c[r]! < c[l]! ? r : l;
        if (c[m]! >= lastC) break;
        k[i] = k[m]!;
        c[i] = c[m]!;
        i = m;
      }
      k[i] = lastK;
      c[i] = lastC;
    }
    return top;
  }
}

/**
 * The least cost (forward + loads + disk writes, as optimalSchedule counts it) of any valid trace of the chain within
 * the budget, by exhaustive search.
 * @throws InvalidArgumentError for chains longer than 12 layers (8 with disk) or a budget below the chain's minimum.
 */
export function bruteForceOptimum(chain: Chain, options: BruteForceOptions): number {
  return bruteForceSchedule(chain, options).cost;
}

/**
 * The exhaustive search's optimum with one optimal trace (as ops).
 * @throws InvalidArgumentError as bruteForceOptimum.
 */
export function bruteForceSchedule(chain: Chain, options: BruteForceOptions): { cost: number; ops: Op[] } {
  const n = chain.n;
  const disk = options.disk ?? false;
  const persistent = options.persistent ?? true;
  const max = disk ? MAX_BRUTE_FORCE_LAYERS.disk : MAX_BRUTE_FORCE_LAYERS.memory;
  if (n > max) throw new InvalidArgumentError('layers', n, `at most ${max} for the exhaustive search${disk ? ' with a disk' : ''}`);
  const budget = checkBudget(chain, options.budget);
  const s = chain.sizes;
  const { loadMemCost: lm, loadDiskCost: rd, storeDiskCost: wd } = chain;
  const griewank = chain.memoryModel === 'griewank';
  const slot = workingSlot(chain);
  const W = 1 << n;
  const DW = disk ? W : 1; // disk masks only when there is a disk
  // State index: ((b·(n+2) + cur+1)·W + M)·DW + D — dense, so typed arrays replace maps.
  const states = (n + 1) * (n + 2) * W * DW;
  const encode = (b: number, cur: number, M: number, D: number) => ((b * (n + 2) + cur + 1) * W + M) * DW + D;
  const bit = (i: number) => 1 << (i - 1); // a_i, i ≥ 1
  const has = (mask: number, i: number) => i >= 1 && ((mask >> (i - 1)) & 1) === 1;
  const sums = new Float64Array(W); // Σ sizes of a memory mask
  for (let mask = 1; mask < W; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    sums[mask] = sums[mask & (mask - 1)]! + s[low + 1]!;
  }
  const OPS: OpName[] = ['advance', 'storeMem', 'storeDisk', 'loadMem', 'loadDisk', 'backward', 'freeMem', 'freeDisk'];

  const best = new Float64Array(states).fill(Infinity);
  const parent = new Float64Array(states); // previous state
  const how = new Int32Array(states); // op index · 64 + arg, · 4 + drops (1 mem, 2 disk)
  const heap = new MinHeap();
  const start = encode(n, 0, 0, 0);
  best[start] = 0;
  heap.push(start, 0);
  while (heap.size > 0) {
    const [key, cost] = heap.pop();
    if (cost > best[key]!) continue;
    const D = key % DW;
    const M = Math.floor(key / DW) % W;
    const bc = Math.floor(key / DW / W);
    const cur = (bc % (n + 2)) - 1;
    const b = Math.floor(bc / (n + 2));
    if (b === 0) {
      const ops: Op[] = [];
      for (let at = key; at !== start; at = parent[at]!) {
        const code = how[at]!;
        const drops = code & 3;
        const arg = (code >> 2) & 63;
        // reversed below: the backward step, then the frees of a_b it implies
        if (drops & 2) ops.push({ op: 'freeDisk', arg });
        if (drops & 1) ops.push({ op: 'freeMem', arg });
        ops.push({ op: OPS[code >> 8]!, arg });
      }
      return { cost, ops: ops.reverse() };
    }
    const relax = (op: OpName, arg: number, nb: number, ncur: number, nM: number, nD: number, c: number, drops = 0) => {
      const k = encode(nb, ncur, nM, nD);
      const total = cost + c;
      if (total < best[k]!) {
        best[k] = total;
        parent[k] = key;
        how[k] = (OPS.indexOf(op) << 8) | (arg << 2) | drops;
        heap.push(k, total);
      }
    };
    const held = sums[M]!;
    const working = cur >= 1 && !has(M, cur) ? s[cur]! : 0;
    // advance one step (never past a_b); Griewank's model: in the working slot
    const stepNeed = griewank ? held + slot : held + working + s[cur + 1]!;
    if (cur >= 0 && cur < b && stepNeed <= budget) relax('advance', 1, b, cur + 1, M, D, chain.fwd[cur + 1]!);
    // store the working activation in memory (Griewank's model: a copy beside the working slot)
    if (cur >= 1 && !has(M, cur) && (!griewank || held + s[cur]! + slot <= budget)) relax('storeMem', cur, b, cur, M + bit(cur), D, 0);
    // backward step b (then a_b is dropped everywhere); reading a_b from memory, not the working activation, is a loadmem
    if ((cur === b || has(M, b)) && (!persistent || cur <= 0 || cur === b || has(M, cur))) {
      const nM = has(M, b) ? M - bit(b) : M;
      const nD = has(D, b) ? D - bit(b) : D;
      relax('backward', b, b - 1, cur === b ? -1 : cur, nM, nD, cur === b ? 0 : lm * s[b]!, (nM !== M ? 1 : 0) | (nD !== D ? 2 : 0));
    }
    for (let i = 0; i <= b; i++) {
      const inM = has(M, i);
      if ((i === 0 || inM) && i !== cur) relax('loadMem', i, b, i, M, D, lm * s[i]!); // load from memory
      if (inM && !persistent) relax('freeMem', i, b, cur, M - bit(i), D, 0); // free from memory
      if (!disk || i === 0) continue;
      const inD = has(D, i);
      if (!inD && (inM || i === cur)) relax('storeDisk', i, b, cur, M, D + bit(i), wd * s[i]!); // write to disk
      const readNeed = griewank ? held + slot : held + (inM ? 0 : s[i]!);
      if (inD && i !== cur && readNeed <= budget) relax('loadDisk', i, b, i, M, D, rd * s[i]!); // read from disk
    }
  }
  throw new Error('bruteForceOptimum: no valid trace (a bug: the budget passed the minimum check)');
}
