// One MLP training step (input 784 → w → w → 10, batch 64, float32): forward, backward and an Adam step, in
// WebAssembly (MlpModel) against the plain-TS reference engine doing the same operations.
// GFLOP/s counts the matrix products only: forward 2B(784w + w² + 10w), weight gradients the same, input gradients
// 2B(w² + 10w) (none for the input layer). Elementwise work (bias, ReLU, softmax, Adam) is not counted.
import { MlpModel, createRng, type TensorName } from '@hw3/core';
import { mlp as refMlp, optim as refOptim } from '@hw3/kernels/reference';
import type { BenchCase, Goal, Suite, SuiteOptions } from '../suite.js';

const INPUT = 784;
const CLASSES = 10;
const BATCH = 64;
const NAMES: TensorName[] = ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'];

const stepFlops = (w: number) => 2 * BATCH * (2 * INPUT * w + 3 * w * w + 3 * w * CLASSES);

function batch(seed: number): { x: Float32Array; y: Int32Array } {
  const rng = createRng(seed);
  return {
    x: Float32Array.from({ length: BATCH * INPUT }, () => rng.normal()),
    y: Int32Array.from({ length: BATCH }, () => rng.int(CLASSES)),
  };
}

const STEP = 'training step (fwd + bwd + Adam)';
const STEP_THREADS = 'training step, 2 threads';

function stepCases(w: number): BenchCase[] {
  const base = { name: STEP, dtype: 'f32', size: w, work: stepFlops(w), unit: 'GFLOP/s', limit: 'peak' } as const;
  const newModel = (threads: 1 | 2 = 1) => {
    const model = new MlpModel({ inputDim: INPUT, width: w, classes: CLASSES }, { parameterization: 'mup', baseWidth: 128 }, { kind: 'adam', lr: 1e-4 }, BATCH, threads);
    model.initialize(createRng(1));
    return model;
  };
  const wasm: BenchCase = {
    ...base,
    variant: 'wasm',
    twin: `training ${w}`,
    prepare() {
      const model = newModel();
      const { x, y } = batch(2);
      model.setBatch(x, y, BATCH);
      return { run: () => model.trainStep(), dispose: () => model.free() };
    },
  };
  // The same step with its products and Adam split between two threads (the same bits); compared with the one-thread
  // row above it, and with the one-thread numpy twin.
  const threads: BenchCase = {
    ...base,
    name: STEP_THREADS,
    variant: 'wasm',
    twin: `training ${w}`,
    prepare() {
      const model = newModel(2);
      const { x, y } = batch(2);
      model.setBatch(x, y, BATCH);
      return { run: () => model.trainStep(), dispose: () => model.free() };
    },
  };
  const js: BenchCase = {
    ...base,
    variant: 'js',
    prepare() {
      const model = newModel();
      const p = Object.fromEntries(NAMES.map((k) => [k, model.read(k)])) as Record<TensorName, Float32Array>;
      const mult = [model.tensors.W1.plan.multiplier, model.tensors.W2.plan.multiplier, model.tensors.W3.plan.multiplier] as [number, number, number];
      const lr = Object.fromEntries(NAMES.map((k) => [k, 1e-4 * model.tensors[k].plan.adamLr])) as Record<TensorName, number>;
      model.free();
      const zeros = () => Object.fromEntries(NAMES.map((k) => [k, new Float32Array(p[k].length)])) as Record<TensorName, Float32Array>;
      const [g, m, v] = [zeros(), zeros(), zeros()];
      const { x, y } = batch(2);
      let t = 0;
      return {
        run: () => {
          const loss = refMlp.mlpLossAndGrads(p, { inputDim: INPUT, width: w, classes: CLASSES, multipliers: mult }, x, y, BATCH, g);
          t++;
          for (const k of NAMES) refOptim.adam(p[k], g[k], m[k], v[k], { lr: lr[k], beta1: 0.9, beta2: 0.999, eps: 1e-8, c1: 1 - 0.9 ** t, c2: 1 - 0.999 ** t });
          return loss;
        },
        dispose: () => {},
      };
    },
  };
  return [wasm, threads, js];
}

export const trainingSuite: Suite = {
  name: 'training',
  title: 'MLP training step 784 → w → w → 10, batch 64, float32 (μP, Adam)',
  notes: [
    'GFLOP/s = matrix-product flops / time: 2B(2·784w + 3w² + 30w) per step (B = 64); elementwise work not counted.',
    '× limit = that / the native f32 FMA peak; (× wasm) = that / the WASM SIMD peak (f32x4 mul + add: no FMA in wasm).',
    'WASM: MlpModel.trainStep (blocked SIMD gemm kernels, Adam kernel). JS: the plain-TS reference engine (same operations), width 256 only.',
    '2 threads: MlpModel with threads 2 (products split by columns, Adam by elements, with a kernel thread on a shared memory;',
    '  the same bits). Its "vs numpy" is against numpy on one thread. Read it by wall clock: --clock cpu adds both threads\' CPU time.',
  ],
  // The JS reference runs ~0.05 GFLOP/s (a width-1024 step takes ~10 s): it is timed at width 256 only.
  cases: ({ quick }: SuiteOptions) => (quick ? [256, 1024] : [256, 1024, 2048]).flatMap((w) => stepCases(w).filter((c) => c.variant === 'wasm' || w === 256)),
  goals: [
    ...[256, 1024, 2048].map(
      (w): Goal => ({
        label: `training step, width ${w}: ≥ 1.2 × the numpy twin (one thread each)`,
        match: { name: STEP, dtype: 'f32', size: w, variant: 'wasm' },
        kind: 'numpy',
        target: 1.2,
      }),
    ),
    {
      label: 'training step, width 1024, batch 64: ≥ 35 GFLOP/s (TF.js WASM/XNNPACK ≈ 28 here, numpy/OpenBLAS 1 thread ≈ 80)',
      match: { name: STEP, dtype: 'f32', size: 1024, variant: 'wasm' },
      kind: 'throughput',
      target: 35,
    },
  ],
};
