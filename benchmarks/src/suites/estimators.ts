// Gradient estimators of ∂/∂μ E‖x‖², x ~ N(μ, σ²I_k): draw, evaluate f and ∇f, form the estimate, stream its moments.
// WASM through GradientEstimator (@hw3/core: validation, buffers, kernel) against the plain-TS reference engine (same
// draws, same arithmetic). The problem sizes of other suites do not apply: k is 1 (Mohamed et al.'s Figure 2) and 64.
import { createRng, GradientEstimator, type EstimatorKind } from '@hw3/core';
import { estimators as reference } from '@hw3/kernels/reference';
import type { BenchCase, Suite } from '../suite.js';

const DIMS = [1, 64] as const;
const KINDS: readonly { kind: EstimatorKind; code: number }[] = [
  { kind: 'score', code: 0 },
  { kind: 'pathwise', code: 1 },
  { kind: 'measure-valued', code: 2 },
];
// Coordinates (k per sample) per call, the same for both variants (the speed-up column compares call times).
const COORDS = 1 << 18;

function cases({ kind, code }: (typeof KINDS)[number], k: number): BenchCase[] {
  const name = `${kind} ∂/∂μ, f = ‖x‖², k = ${k}`;
  const mu = Array.from({ length: k }, (_, i) => 0.5 + i / k);
  const wasmSamples = COORDS / k;
  const jsSamples = COORDS / k;
  const base = { name, dtype: 'f64', size: k, unit: 'M samples/s' } as const;
  const wasm: BenchCase = {
    ...base,
    variant: 'wasm',
    work: wasmSamples,
    prepare() {
      const est = new GradientEstimator({ distribution: { kind: 'gaussian', mu, sigma: 1 }, cost: { kind: 'sum-squares' }, estimator: kind, param: 'mu', rng: createRng(1) });
      return { run: () => est.run(wasmSamples).result().mean[0], dispose: () => {} };
    },
  };
  const js: BenchCase = {
    ...base,
    variant: 'js',
    work: jsSamples,
    prepare() {
      const state = Uint32Array.from(createRng(1).getState());
      const stats = new Float64Array(7 * k);
      const args = {
        k,
        mu,
        sigma: new Array<number>(k).fill(1),
        w: new Array<number>(k).fill(1),
        cost: reference.builtinCost(0, 0),
        estimator: code,
        param: 0,
        baseline: 0,
        b: new Array<number>(k).fill(0),
        units: jsSamples,
        batch: 1,
        chunkUnits: Math.max(1, Math.floor((1 << 15) / (code === 2 ? 2 * k : k))),
      };
      return { run: () => (reference.gaussianGradEstimates(state, args, stats), stats[1]), dispose: () => {} };
    },
  };
  return [wasm, js];
}

export const estimatorsSuite: Suite = {
  name: 'estimators',
  title: 'Gradient estimators of ∂/∂μ E‖x‖², x ~ N(μ, I_k): sample, estimate, stream the moments',
  notes: [
    'M samples/s = draws of x ∈ ℝᵏ per second (each gives k gradient coordinates); --sizes does not apply (k = 1, 64).',
    'WASM goes through GradientEstimator.run (validation and buffers included); JS is the plain-TS reference engine.',
  ],
  cases: () => KINDS.flatMap((kind) => DIMS.flatMap((k) => cases(kind, k))),
  goals: [
    {
      label: 'score function, k = 1: ≥ 10 M samples/s ("millions of samples per second")',
      match: { name: 'score ∂/∂μ, f = ‖x‖², k = 1', dtype: 'f64', size: 1, variant: 'wasm' },
      kind: 'throughput',
      target: 10,
    },
  ],
};
