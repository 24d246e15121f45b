// Trains two parameterizations side by side on the same batches and compares them tensor by tensor, in the
// "effective" weights multiplier·W that the network computes with (Table 8's W3 carries a 1/fan_in multiplier).
import { Rng } from '../base/rng.js';
import type { Dataset } from './data.js';
import type { TensorName } from './tensor-plan.js';
import { BatchSampler, createModel, gather, type ModelConfig } from './train.js';

export interface Divergence {
  /** Elements (over all tensors and steps) whose effective values differ at all. */
  differing: number;
  /** Largest max_i |a_i − b_i| / max_i |a_i| of a tensor, over tensors and steps (0 when bitwise equal). */
  maxRelative: number;
  /** Largest |loss_a − loss_b| over the steps. */
  maxLossDiff: number;
  compared: number;
  losses: [number, number][];
}

/**
 * Runs `steps` training steps of configs a and b (same seed, same batches) and compares their effective weights
 * after init and after every step, and their losses. Both configs must describe the same shape; either may name its
 * parameterization by a table object (a variant of a built-in one).
 */
export function compareTraining(a: ModelConfig, b: ModelConfig, dataset: Dataset, steps: number): Divergence {
  const ma = createModel(a, dataset);
  const mb = createModel(b, dataset);
  try {
    ma.initialize(Rng.fromSeed(a.seed).stream(0));
    mb.initialize(Rng.fromSeed(b.seed).stream(0));
    const sampler = new BatchSampler(dataset.train.rows, Rng.fromSeed(a.seed).stream(1));
    const B = a.batchSize;
    const idx = new Int32Array(B);
    const x = new Float32Array(B * dataset.inputDim);
    const y = new Int32Array(B);
    const out: Divergence = { differing: 0, maxRelative: 0, maxLossDiff: 0, compared: 0, losses: [] };
    const compare = () => {
      for (const name of Object.keys(ma.tensors) as TensorName[]) {
        const ta = ma.tensors[name];
        const tb = mb.tensors[name];
        const va = ta.w.view();
        const vb = tb.w.view();
        const fa = ta.plan.multiplier;
        const fb = tb.plan.multiplier;
        let diff = 0;
        let size = 0;
        for (let i = 0; i < va.length; i++) {
          const ea = va[i]! * fa;
          const eb = vb[i]! * fb;
          out.compared++;
          size = Math.max(size, Math.abs(ea));
          if (ea !== eb) {
            out.differing++;
            diff = Math.max(diff, Math.abs(ea - eb));
          }
        }
        // Relative to the tensor's scale: an entry that happens to be near 0 says nothing about rounding.
        if (diff > 0) out.maxRelative = Math.max(out.maxRelative, size > 0 ? diff / size : Infinity);
      }
    };
    compare();
    for (let s = 0; s < steps; s++) {
      gather(dataset.train, dataset.inputDim, sampler.next(B, idx), x, y);
      ma.setBatch(x, y, B);
      mb.setBatch(x, y, B);
      const la = ma.trainStep();
      const lb = mb.trainStep();
      out.losses.push([la, lb]);
      out.maxLossDiff = Math.max(out.maxLossDiff, Math.abs(la - lb));
      compare();
    }
    return out;
  } finally {
    ma.free();
    mb.free();
  }
}
