// The training engine's gradients: the f64 reference against central finite differences, then the WebAssembly
// float32 engine against the f64 reference (tolerance from float32 rounding), and against the f32 reference.
import { mlp as refMlp } from '@hw3/kernels/reference';
import { describe, expect, it } from 'vitest';
import { MlpModel } from '../src/mup/model.js';
import type { TensorName } from '../src/mup/tensor-plan.js';
import { Rng } from '../src/base/rng.js';

const NAMES: TensorName[] = ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'];
const dims = { inputDim: 5, width: 6, classes: 4 };
const rows = 7;
const multipliers: [number, number, number] = [1.5, 1, 0.25];

function problem(seed: number) {
  const rng = Rng.fromSeed(seed);
  const sizes: Record<TensorName, number> = {
    W1: dims.width * dims.inputDim,
    b1: dims.width,
    W2: dims.width * dims.width,
    b2: dims.width,
    W3: dims.classes * dims.width,
    b3: dims.classes,
  };
  // float32-representable values, so the f32 engine and the f64 reference see the same numbers.
  const draw = (n: number, s: number) => Float64Array.from({ length: n }, () => Math.fround(rng.normal() * s));
  const p = Object.fromEntries(NAMES.map((k) => [k, draw(sizes[k], k.startsWith('b') ? 0.3 : 0.6)])) as Record<TensorName, Float64Array>;
  const X = draw(rows * dims.inputDim, 1);
  const labels = Int32Array.from({ length: rows }, () => rng.int(dims.classes));
  return { p, X, labels, sizes };
}

const zeros = (sizes: Record<TensorName, number>) => Object.fromEntries(NAMES.map((k) => [k, new Float64Array(sizes[k])])) as Record<TensorName, Float64Array>;

describe('MLP gradients', () => {
  it('f64 reference gradients = central finite differences (relative 1e-6)', () => {
    const { p, X, labels, sizes } = problem(1);
    const g = zeros(sizes);
    refMlp.mlpLossAndGrads(p, { ...dims, multipliers }, X, labels, rows, g);
    const h = 1e-6;
    for (const name of NAMES) {
      for (let i = 0; i < sizes[name]; i++) {
        const keep = p[name][i]!;
        p[name][i] = keep + h;
        const up = refMlp.mlpLossAndGrads(p, { ...dims, multipliers }, X, labels, rows);
        p[name][i] = keep - h;
        const down = refMlp.mlpLossAndGrads(p, { ...dims, multipliers }, X, labels, rows);
        p[name][i] = keep;
        const fd = (up - down) / (2 * h);
        // Truncation O(h²) ≈ 1e-12 and cancellation ≈ 1e-16/h = 1e-10: 1e-6 leaves room for a ReLU kink nearby.
        expect(Math.abs(fd - g[name][i]!), `${name}[${i}]`).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(g[name][i]!)));
      }
    }
  });

  it('WebAssembly f32 engine = f64 reference (within float32 rounding) and ≈ the f32 reference', () => {
    const { p, X, labels, sizes } = problem(2);
    const g64 = zeros(sizes);
    const loss64 = refMlp.mlpLossAndGrads(p, { ...dims, multipliers }, X, labels, rows, g64);
    const p32 = Object.fromEntries(NAMES.map((k) => [k, Float32Array.from(p[k])])) as Record<TensorName, Float32Array>;
    const g32 = Object.fromEntries(NAMES.map((k) => [k, new Float32Array(sizes[k])])) as Record<TensorName, Float32Array>;
    const loss32 = refMlp.mlpLossAndGrads(p32, { ...dims, multipliers }, Float32Array.from(X), labels, rows, g32);
    // SP with α_in = 1.5, α_out = 0.25 gives exactly these multipliers.
    const model = new MlpModel(dims, { parameterization: 'sp', baseWidth: dims.width, inputMultiplier: 1.5, outputMultiplier: 0.25 }, { kind: 'sgd', lr: 0.1 }, rows);
    try {
      for (const k of NAMES) model.write(k, p[k]);
      model.setBatch(Float32Array.from(X), labels, rows);
      const loss = model.forward();
      model.backward();
      // float32: each value carries ≤ ~(terms summed)·2⁻²⁴ relative error; 7-row and ≤ 6-term sums stay below 1e-5 of
      // the tensor's largest gradient.
      expect(Math.abs(loss - loss64)).toBeLessThanOrEqual(1e-5 * loss64);
      expect(Math.abs(loss - loss32)).toBeLessThanOrEqual(1e-12 * loss32);
      for (const k of NAMES) {
        const g = model.read(k, 'g');
        const scale = Math.max(...Array.from(g64[k], Math.abs));
        for (let i = 0; i < g.length; i++) {
          expect(Math.abs(g[i]! - g64[k][i]!), `${k}[${i}] vs f64`).toBeLessThanOrEqual(1e-5 * scale);
          // Same operation order as the f32 reference; only exp's last bit may differ (softmax), ~2⁻²³ relative.
          expect(Math.abs(g[i]! - g32[k][i]!), `${k}[${i}] vs f32 reference`).toBeLessThanOrEqual(1e-6 * scale);
        }
      }
    } finally {
      model.free();
    }
  });

  it('a wide engine step agrees with the f32 reference (width 64, batch 32, MNIST-like input 784)', () => {
    const big = { inputDim: 784, width: 64, classes: 10 };
    const B = 32;
    const model = new MlpModel(big, { parameterization: 'mup', baseWidth: 16 }, { kind: 'adam', lr: 1e-3 }, B);
    try {
      model.initialize(Rng.fromSeed(3));
      const rng = Rng.fromSeed(4);
      const X = Float32Array.from({ length: B * big.inputDim }, () => rng.normal());
      const y = Int32Array.from({ length: B }, () => rng.int(10));
      const p = Object.fromEntries(NAMES.map((k) => [k, model.read(k)])) as Record<TensorName, Float32Array>;
      const g = Object.fromEntries(NAMES.map((k) => [k, new Float32Array(p[k].length)])) as Record<TensorName, Float32Array>;
      const mult = [model.tensors.W1.plan.multiplier, model.tensors.W2.plan.multiplier, model.tensors.W3.plan.multiplier] as [number, number, number];
      const refLoss = refMlp.mlpLossAndGrads(p, { ...big, multipliers: mult }, X, y, B, g);
      model.setBatch(X, y, B);
      const loss = model.forward();
      model.backward();
      expect(Math.abs(loss - refLoss)).toBeLessThanOrEqual(1e-12 * refLoss);
      for (const k of NAMES) {
        const mine = model.read(k, 'g');
        const scale = Math.max(...Array.from(g[k], Math.abs));
        let worst = 0;
        for (let i = 0; i < mine.length; i++) worst = Math.max(worst, Math.abs(mine[i]! - g[k][i]!));
        expect(worst, k).toBeLessThanOrEqual(1e-6 * scale);
      }
    } finally {
      model.free();
    }
  });
});
