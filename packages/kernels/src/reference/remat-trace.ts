// Plain-TypeScript remat trace simulator: keeps the resident activations as explicit Sets and recomputes memory from
// them at every check (slow, obviously right), to test the kernel's running sums. Model: assembly/remat-trace.ts.
import { REMAT_OP, REMAT_TRACE_ERROR } from '../api.js';

export interface TraceChain {
  /** Sizes of a_0…a_n (n+1). */
  sizes: ArrayLike<number>;
  /** Forward cost of layer i at index i (index 0 unused), n+1. */
  fwd: ArrayLike<number>;
  /** Backward cost of layer i at index i (index 0 unused), n+1. */
  bwd: ArrayLike<number>;
  budget: number;
  loadMemCost: number;
  loadDiskCost: number;
  storeDiskCost: number;
  /** 'griewank': c checkpoints plus one working slot of `workingSlot` units (steps in place); default: this lab's. */
  memoryModel?: 'lab' | 'griewank';
  workingSlot?: number;
}

export interface TraceCounts {
  forward: number;
  recompute: number;
  loadMem: number;
  loadDisk: number;
  storeMem: number;
  storeDisk: number;
  backward: number;
  peakMemory: number;
  peakDisk: number;
  time: number;
  timeRecompute: number;
  timeLoadMem: number;
  timeLoadDisk: number;
  timeStoreDisk: number;
  timeForward: number;
  timeBackward: number;
}

export type TraceOutcome = { ok: true; counts: TraceCounts } | { ok: false; code: number; op: number; a: number; b: number };

/** ops: [code, arg] pairs, flattened. */
export function rematTraceSimulate(ops: ArrayLike<number>, chain: TraceChain): TraceOutcome {
  const n = chain.sizes.length - 1;
  const E = REMAT_TRACE_ERROR;
  const mem = new Set<number>();
  const disk = new Set<number>();
  let cur = 0;
  let next = n;
  const computed = new Set<number>();
  const c: TraceCounts = {
    forward: 0, recompute: 0, loadMem: 0, loadDisk: 0, storeMem: 0, storeDisk: 0, backward: 0, peakMemory: 0,
    peakDisk: 0, time: 0, timeRecompute: 0, timeLoadMem: 0, timeLoadDisk: 0, timeStoreDisk: 0, timeForward: 0,
    timeBackward: 0,
  };
  const size = (i: number) => chain.sizes[i]!;
  const griewank = chain.memoryModel === 'griewank';
  // Lab model: memory = Σ over the distinct activations resident (checkpoints ∪ working ∪ extra), inputs excluded.
  // Griewank's: Σ checkpoints + the working slot, whatever it holds.
  const resident = (...extra: number[]) => {
    const all = new Set([...mem, ...(griewank ? [] : extra.filter((i) => i >= 1))]);
    let total = griewank ? chain.workingSlot ?? 0 : 0;
    for (const i of all) total += size(i);
    return total;
  };
  const fail = (code: number, op: number, a = 0, b = 0): TraceOutcome => ({ ok: false, code, op, a, b });
  const count = ops.length / 2;
  for (let k = 0; k < count; k++) {
    const code = ops[2 * k]!;
    const arg = ops[2 * k + 1]!;
    const inRange = arg >= 1 && arg <= n;
    switch (code) {
      case REMAT_OP.advance: {
        if (cur < 0) return fail(E.noWorking, k);
        if (arg < 1) return fail(E.badArg, k, arg);
        if (cur + arg > n) return fail(E.pastEnd, k, cur + arg);
        for (let p = cur + 1; p <= cur + arg; p++) {
          // a fresh output buffer even if a_p is also a checkpoint (Griewank's model: in place)
          const need = griewank ? resident() : resident(p - 1) + size(p);
          c.peakMemory = Math.max(c.peakMemory, need);
          if (need > chain.budget) return fail(E.budget, k, need, chain.budget);
          c.forward++;
          c.timeForward += chain.fwd[p]!;
          if (computed.has(p)) {
            c.recompute++;
            c.timeRecompute += chain.fwd[p]!;
          }
          computed.add(p);
        }
        cur += arg;
        break;
      }
      case REMAT_OP.backward:
        if (!inRange) return fail(E.badArg, k, arg);
        if (arg !== next) return fail(E.backwardOrder, k, arg, next);
        if (cur !== arg && !mem.has(arg)) return fail(E.missingActivation, k, arg);
        if (cur !== arg) {
          // not the working activation: read from memory
          c.loadMem++;
          c.timeLoadMem += chain.loadMemCost * size(arg);
        }
        c.backward++;
        c.timeBackward += chain.bwd[arg]!;
        next--;
        if (cur === arg) cur = -1;
        break;
      case REMAT_OP.loadMem:
        if (arg < 0 || arg > n) return fail(E.badArg, k, arg);
        if (arg > 0 && !mem.has(arg)) return fail(E.loadMemUnwritten, k, arg);
        c.loadMem++;
        c.timeLoadMem += chain.loadMemCost * size(arg);
        cur = arg;
        break;
      case REMAT_OP.loadDisk: {
        if (!inRange) return fail(E.badArg, k, arg);
        if (!disk.has(arg)) return fail(E.loadDiskUnwritten, k, arg);
        const need = resident(arg);
        c.peakMemory = Math.max(c.peakMemory, need);
        if (need > chain.budget) return fail(E.budget, k, need, chain.budget);
        c.loadDisk++;
        c.timeLoadDisk += chain.loadDiskCost * size(arg);
        cur = arg;
        break;
      }
      case REMAT_OP.storeMem:
        if (!inRange) return fail(E.badArg, k, arg);
        if (cur !== arg) return fail(E.storeNotWorking, k, arg, cur);
        if (mem.has(arg)) return fail(E.alreadyStored, k, arg);
        mem.add(arg);
        if (griewank) {
          const need = resident();
          c.peakMemory = Math.max(c.peakMemory, need);
          if (need > chain.budget) return fail(E.budget, k, need, chain.budget);
        }
        c.storeMem++;
        break;
      case REMAT_OP.storeDisk: {
        if (!inRange) return fail(E.badArg, k, arg);
        if (cur !== arg && !mem.has(arg)) return fail(E.storeDiskNotInMemory, k, arg);
        if (disk.has(arg)) return fail(E.alreadyStored, k, arg);
        disk.add(arg);
        let total = 0;
        for (const i of disk) total += size(i);
        c.peakDisk = Math.max(c.peakDisk, total);
        c.storeDisk++;
        c.timeStoreDisk += chain.storeDiskCost * size(arg);
        break;
      }
      case REMAT_OP.freeMem:
        if (!inRange) return fail(E.badArg, k, arg);
        if (!mem.delete(arg)) return fail(E.freeUnheld, k, arg);
        break;
      case REMAT_OP.freeDisk:
        if (!inRange) return fail(E.badArg, k, arg);
        if (!disk.delete(arg)) return fail(E.freeUnheld, k, arg);
        break;
      default:
        return fail(E.badOp, k, code);
    }
  }
  if (next > 0) return fail(E.incomplete, count, next);
  c.time = c.timeForward + c.timeBackward + c.timeLoadMem + c.timeLoadDisk + c.timeStoreDisk;
  return { ok: true, counts: c };
}
