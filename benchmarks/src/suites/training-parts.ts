// Where a training step's time goes: each kernel call of MlpModel.trainStep (784 → w → w → 10, batch 64, float32,
// Adam) timed alone, with the step's own shapes, on the raw kernels. The matrix products are compared with the peak
// (GFLOP/s), Adam with the in-place update bandwidth (it streams W, G, M, V in and W, M, V out: 28 bytes a weight).
import type { KernelExports } from '@hw3/kernels';
import { rawKernels } from '../raw-kernels.js';
import type { BenchCase, Suite, SuiteOptions } from '../suite.js';

const B = 64;
const INPUT = 784;
const CLASSES = 10;

interface Buffers {
  ptr(name: string, floats: number): number;
  free(): void;
}

function buffers(k: KernelExports): Buffers {
  const owned: number[] = [];
  return {
    ptr(_name, floats) {
      const p = k.alloc(floats * 4);
      owned.push(p);
      const view = new Float32Array(k.memory.buffer, p, floats);
      for (let i = 0; i < floats; i++) view[i] = Math.sin(i * 0.37) * 0.1; // touches every page; no subnormals
      return p;
    },
    free() {
      for (const p of owned) k.free(p);
    },
  };
}

type Product = [label: string, m: number, n: number, kDim: number, transA: 0 | 1, transB: 0 | 1];

/** The step's products (model.ts forward/backward), as gemmF32 calls C (m × n) ← op(A) op(B), inner k. */
function products(w: number): Product[] {
  return [
    ['forward X W1ᵀ', B, w, INPUT, 0, 1],
    ['forward H1 W2ᵀ', B, w, w, 0, 1],
    ['forward H2 W3ᵀ', B, CLASSES, w, 0, 1],
    ['grad W3 = dLᵀ H2', CLASSES, w, B, 1, 0],
    ['grad H2 = dL W3', B, w, CLASSES, 0, 0],
    ['grad W2 = D2ᵀ H1', w, w, B, 1, 0],
    ['grad H1 = D2 W2', B, w, w, 0, 0],
    ['grad W1 = D1ᵀ X', w, INPUT, B, 1, 0],
  ];
}

function productCase(w: number, [label, m, n, kDim, transA, transB]: Product): BenchCase {
  return {
    name: `w=${w} ${label}`,
    variant: 'wasm',
    dtype: 'f32',
    size: w,
    work: 2 * m * n * kDim,
    unit: 'GFLOP/s',
    limit: 'peak',
    prepare() {
      const k = rawKernels();
      const b = buffers(k);
      const a = b.ptr('A', m * kDim);
      const bb = b.ptr('B', kDim * n);
      const c = b.ptr('C', m * n);
      const pack = k.alloc(k.gemmScratchBytes(kDim));
      return {
        run: () => k.gemmF32(a, bb, c, m, n, kDim, transA, transB, 1, 0, pack),
        dispose: () => {
          k.free(pack);
          b.free();
        },
      };
    },
  };
}

function adamCase(w: number, label: string, floats: number): BenchCase {
  return {
    name: `w=${w} Adam ${label}`,
    variant: 'wasm',
    dtype: 'f32',
    size: w,
    work: 28 * floats,
    unit: 'GB/s',
    limit: 'update',
    prepare() {
      const k = rawKernels();
      const b = buffers(k);
      const [p, g, m, v] = ['W', 'G', 'M', 'V'].map((name) => b.ptr(name, floats)) as [number, number, number, number];
      return { run: () => k.adamF32(p, g, m, v, floats, 1e-7, 0.9, 0.999, 1e-8, 0.1, 0.001), dispose: () => b.free() };
    },
  };
}

function widthCases(w: number): BenchCase[] {
  return [...products(w).map((p) => productCase(w, p)), adamCase(w, 'W2 (w²)', w * w), adamCase(w, 'W1 (784w)', INPUT * w)];
}

export const trainingPartsSuite: Suite = {
  name: 'training-parts',
  title: 'Where a training step goes: its kernel calls one by one (784 → w → w → 10, batch 64, float32, Adam)',
  notes: [
    'The step = these calls + bias/ReLU/softmax/column sums (< 1 % at w ≥ 1024). Products: GFLOP/s = 2mnk / time, × the peak',
    '(native FMA) and, in brackets, × the WASM SIMD peak. Adam: GB/s = 28 bytes per weight / time, × the in-place update bandwidth.',
  ],
  cases: ({ quick }: SuiteOptions) => (quick ? [2048] : [1024, 2048]).flatMap(widthCases),
};
