// Monte Carlo measurements behind problem 1 (μP basics), shared by the experiments and the claim checker.
// Every measurement draws fresh W, x, g per trial with the WASM kernels and returns the mean with its standard error.
import { fillNormal } from '../base/random-fills.js';
import { matvec } from '../base/matvec.js';
import type { Rng } from '../base/rng.js';
import { signgdOuterUpdate, signgdUpdate } from '../base/signgd.js';
import { getKernels } from '../base/runtime.js';
import { pointerOf, WasmArray } from '../base/wasm-array.js';
import { RunningStats } from '../stats/running-stats.js';

/** A Monte Carlo mean: `trials` i.i.d. draws, standard error from their sample variance. */
export interface Estimate {
  mean: number;
  stderr: number;
  trials: number;
}

export function estimateOf(stats: RunningStats): Estimate {
  return { mean: stats.mean, stderr: stats.stderr, trials: stats.n };
}

/** Trials for one grid point: as many as `budget` random numbers allow, clamped to [min, max]. */
export function trialsFor(numbersPerTrial: number, budget: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.floor(budget / numbersPerTrial)));
}

/** How a batch of B per-example SignGD updates is combined into one. */
export type BatchMode = 'sum-of-signs' | 'sign-of-sum';
/** Whether the B examples share one output gradient g or each has its own. */
export type GradientMode = 'independent' | 'shared';

function sumSquares(v: Float32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i]! * v[i]!;
  return s;
}

function withArrays<R>(sizes: number[], run: (arrays: WasmArray<'f32'>[]) => R): R {
  const arrays: WasmArray<'f32'>[] = [];
  try {
    for (const n of sizes) arrays.push(new WasmArray('f32', n));
    return run(arrays);
  } finally {
    for (const a of arrays) a.free();
  }
}

/**
 * 1a: ‖W x‖²_rms = ‖W x‖²/d₂ with W (d₂, d₁) and x (d₁) i.i.d. N(0, 1). Expectation d₁.
 * @throws MemoryLimitError when W does not fit in WebAssembly memory.
 */
export function measureInitRms(rng: Rng, d1: number, d2: number, trials: number): Estimate {
  return withArrays([d2 * d1, d1, d2], ([W, x, y]) => {
    const stats = new RunningStats();
    for (let t = 0; t < trials; t++) {
      fillNormal(W!, { rng });
      fillNormal(x!, { rng });
      matvec(W!, x!, { rows: d2, cols: d1, out: y! });
      stats.push(sumSquares(y!.view(), d2) / d2);
    }
    return estimateOf(stats);
  });
}

/** The measured E‖y′‖²_rms of a SignGD update at one grid point, with its standard error. */
export interface SigngdEstimate {
  /** mean over the batch's own inputs of ‖ΔW x_b‖²_rms */
  train: Estimate;
  /** ‖ΔW x‖²_rms for a fresh input x the update never saw */
  fresh: Estimate;
}

/** Problem 1b's B = 1 trials in one call of the signgdTrialsF32 kernel: the per-trial ‖y′‖²_rms, own x and fresh x. */
function signgdTrials(rng: Rng, W: WasmArray<'f32'>, x: WasmArray<'f32'>, g: WasmArray<'f32'>, y: WasmArray<'f32'>, d1: number, d2: number, trials: number, withFresh: boolean): [Float64Array, Float64Array] {
  const train = new WasmArray('f64', trials);
  const fresh = new WasmArray('f64', withFresh ? trials : 1);
  try {
    const [pw, px, pg, py, pt, pf] = [W, x, g, y, train, fresh].map((a) => pointerOf(a, 'scratch'));
    rng.withState((state) => getKernels().signgdTrialsF32(state, pw!, px!, pg!, py!, d1, d2, trials, withFresh ? 1 : 0, pt!, pf!));
    return [train.view().slice(), fresh.view().slice()];
  } finally {
    train.free();
    fresh.free();
  }
}

/**
 * 1b and its batch extension. Per trial: B inputs x_b ~ N(0, I_{d₁}) and output gradients g_b ~ N(0, I_{d₂}) (one g for
 * all when `gradients` is 'shared'); the update is ΔW = Σ_b sign(g_b x_bᵀ) ('sum-of-signs') or sign(Σ_b g_b x_bᵀ)
 * ('sign-of-sum') — for B = 1 both are the homework's sign(g xᵀ) — and the measurement is ‖ΔW x_b‖²_rms averaged over
 * the batch, plus ‖ΔW x‖²_rms for a fresh x (skipped when `withFresh` is false: `fresh` then has no trials).
 * @throws MemoryLimitError when ΔW does not fit in WebAssembly memory.
 */
export function measureSigngdRms(
  rng: Rng,
  d1: number,
  d2: number,
  trials: number,
  batch = 1,
  mode: BatchMode = 'sum-of-signs',
  gradients: GradientMode = 'independent',
  withFresh = true,
): SigngdEstimate {
  // X is (B, d1), Gs is (B, d2); xb/gb stage one row for the kernels; G is the summed gradient (d2, d1).
  const needG = mode === 'sign-of-sum' && batch > 1;
  return withArrays([d2 * d1, d1, d2, d2, needG ? d2 * d1 : 1], ([W, xb, gb, y, G]) => {
    const X = new Float32Array(batch * d1);
    const Gs = new Float32Array(batch * d2);
    const train = new RunningStats();
    const fresh = new RunningStats();
    const pushFresh = () => {
      fillNormal(xb!, { rng });
      matvec(W!, xb!, { rows: d2, cols: d1, out: y! });
      fresh.push(sumSquares(y!.view(), d2) / d2);
    };
    if (batch === 1) {
      // The homework's case: every trial in one kernel call (the same bits as calling the kernels trial by trial).
      const [trainValues, freshValues] = signgdTrials(rng, W!, xb!, gb!, y!, d1, d2, trials, withFresh);
      for (let t = 0; t < trials; t++) train.push(trainValues[t]!);
      if (withFresh) for (let t = 0; t < trials; t++) fresh.push(freshValues[t]!);
      return { train: estimateOf(train), fresh: estimateOf(fresh) };
    }
    for (let t = 0; t < trials; t++) {
      fillNormal(X, { rng });
      if (gradients === 'shared') {
        fillNormal(Gs.subarray(0, d2), { rng });
        for (let b = 1; b < batch; b++) Gs.copyWithin(b * d2, 0, d2);
      } else {
        fillNormal(Gs, { rng });
      }
      W!.view().fill(0);
      if (!needG) {
        // W ← W − sign(g_b x_bᵀ) for each b: W = −ΔW (the sign of y is irrelevant to its norm).
        for (let b = 0; b < batch; b++) {
          xb!.copyFrom(X.subarray(b * d1, (b + 1) * d1));
          gb!.copyFrom(Gs.subarray(b * d2, (b + 1) * d2));
          signgdOuterUpdate(W!, gb!, xb!, { rows: d2, cols: d1, lr: 1 });
        }
      } else {
        const g = G!.view();
        g.fill(0);
        for (let b = 0; b < batch; b++) {
          for (let j = 0; j < d2; j++) {
            const gj = Gs[b * d2 + j]!;
            const row = j * d1;
            const xo = b * d1;
            for (let k = 0; k < d1; k++) g[row + k]! += gj * X[xo + k]!;
          }
        }
        signgdUpdate(W!, G!, { lr: 1 });
      }
      let s = 0;
      for (let b = 0; b < batch; b++) {
        xb!.copyFrom(X.subarray(b * d1, (b + 1) * d1));
        matvec(W!, xb!, { rows: d2, cols: d1, out: y! });
        s += sumSquares(y!.view(), d2) / d2;
      }
      train.push(s / batch);
      if (withFresh) pushFresh();
    }
    return { train: estimateOf(train), fresh: estimateOf(fresh) };
  });
}

/** Closed forms of problem 1 (derivations in the experiments' explanations). */
export const mupClosedForm = {
  /** E‖W x‖²_rms */
  init: (d1: number): number => d1,
  /** Var of one trial's ‖W x‖²_rms, W (d₂ × d₁) and x standard normal: given x, ‖Wx‖² = ‖x‖²·χ²_{d₂}, so
   * E(‖Wx‖²_rms)² = E‖x‖⁴·E(χ²_{d₂}/d₂)² = (d₁² + 2d₁)(1 + 2/d₂). */
  initVariance: (d1: number, d2: number): number => (d1 * d1 + 2 * d1) * (1 + 2 / d2) - d1 * d1,
  /** E‖ΔW x_b‖²_rms for a batch of B (B = 1: the homework's d₁(1 − 2/π) + 2d₁²/π). */
  signgdTrain: (d1: number, batch = 1, mode: BatchMode = 'sum-of-signs'): number =>
    mode === 'sum-of-signs' ? d1 * (batch - 2 / Math.PI) + (2 * d1 * d1) / Math.PI : d1 * (1 - 2 / (Math.PI * batch)) + (2 * d1 * d1) / (Math.PI * batch),
  /** E‖ΔW x‖²_rms for a fresh input. */
  signgdFresh: (d1: number, batch = 1, mode: BatchMode = 'sum-of-signs'): number => (mode === 'sum-of-signs' ? batch * d1 : d1),
  /** E‖c ΔW x‖²_rms with c = (1/d₁)√(π/2), B = 1. */
  signgdNormalized: (d1: number): number => 1 + (Math.PI / 2 - 1) / d1,
};
