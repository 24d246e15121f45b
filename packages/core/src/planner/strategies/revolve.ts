// Griewank–Walther binomial checkpointing (revolve) on this model. Here backward step i needs a_i and the inputs a_0
// are always available, so reversing n layers with c checkpoint slots (a_1…a_n) is Griewank's chain of l = n + 1 steps
// with c + 1 checkpoints (the inputs hold one): the trace makes exactly t(n + 1, c + 1) forward steps.
import { InvalidArgumentError } from '../../base/errors.js';
import { revolveForwardSteps, revolveSplit } from '../closed-form.js';
import type { Chain } from '../chain.js';
import { TraceBuilder, type Trace } from '../trace.js';

/** Most forward steps a revolve trace may make (guards against c = 0 or 1 on huge chains). */
export const MAX_REVOLVE_STEPS = 2e9;

/** Forward steps of revolve on n layers with c slots: t(n + 1, c + 1). */
export function revolveSteps(n: number, slots: number): number {
  return revolveForwardSteps(n + 1, slots + 1);
}

/**
 * Trace of revolve with `slots` checkpoint slots (not counting the inputs).
 * @throws InvalidArgumentError for a negative or non-integer slot count, or when t(n + 1, c + 1) > 2·10^9 steps.
 */
export function revolveTrace(chain: Chain, slots: number): Trace {
  if (!Number.isInteger(slots) || slots < 0) throw new InvalidArgumentError('slots', slots, 'an integer ≥ 0');
  const n = chain.n;
  const c = Math.min(slots, n);
  const steps = revolveSteps(n, c);
  if (steps > MAX_REVOLVE_STEPS) {
    throw new InvalidArgumentError('slots', slots, `large enough that revolve makes at most ${MAX_REVOLVE_STEPS} forward steps (this needs ${steps})`);
  }
  const t = new TraceBuilder();
  // Explicit stack (depth can reach n when slots ≈ n): [kind, j, i, free, at]. kind 0: reverse layers i…j+1 from
  // a_j (a checkpoint or the inputs) with `free` empty slots, `at` = a_j is the working activation; kind 1: backward
  // of a checkpointed a_j, then free it.
  const stack: number[] = [0, 0, n, c, 1]; // frames of 5 numbers
  while (stack.length > 0) {
    const at = stack.pop()!;
    const free = stack.pop()!;
    const i = stack.pop()!;
    const j = stack.pop()!;
    const kind = stack.pop()!;
    if (kind === 1) {
      t.backward(j).freeMem(j);
      continue;
    }
    if (i <= j) continue;
    if (free === 0) {
      // One checkpoint (a_j): every a_l recomputed from it, t(l, 1) = l(l − 1)/2.
      for (let l = i; l > j; l--) {
        if (!(at && l === i)) t.loadMem(j);
        t.advance(l - j).backward(l);
      }
      continue;
    }
    const m = revolveSplit(i - j + 1, free + 1);
    if (!at) t.loadMem(j);
    t.advance(m);
    if (j + m === i) {
      t.backward(i);
      stack.push(0, j, i - 1, free, 0);
      continue;
    }
    t.storeMem(j + m);
    stack.push(0, j, j + m - 1, free, 0, 1, j + m, 0, 0, 0, 0, j + m, i, free - 1, 1);
  }
  return t.finish();
}
