// Every new kernel against its plain-TS reference: bitwise where the reference reproduces the float32 operation
// order (gemm, bias/ReLU, column sums, SGD, Adam), within 1 ulp-scale tolerance for softmax (libm exp differs).
import { gemm as refGemm, mlp as refMlp, optim as refOptim } from '@hw3/kernels/reference';
import { describe, expect, it } from 'vitest';
import { allocate, getKernels, release } from '../src/base/runtime.js';

function seeded(n: number, seed: number, scale = 1): Float32Array {
  // A fixed, cheap pseudo-random fill (values of both signs, some exact zeros).
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s % 13 === 0 ? 0 : ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return out;
}

/** Copies arrays into wasm memory, runs fn(pointers), copies back the arrays listed in `outs`. */
// biome-ignore lint/suspicious/noConfusingVoidType: fn is either a kernel call returning a number or one returning nothing.
function withWasm(arrays: (Float32Array | Int32Array)[], fn: (ptrs: number[]) => number | void): number | void {
  const ptrs = arrays.map((a) => allocate('test', Math.max(16, a.byteLength)));
  try {
    const k = getKernels();
    arrays.forEach((a, i) => new Uint8Array(k.memory.buffer, ptrs[i], a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)));
    const r = fn(ptrs);
    arrays.forEach((a, i) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength).set(new Uint8Array(getKernels().memory.buffer, ptrs[i], a.byteLength)));
    return r;
  } finally {
    arrays.forEach((a, i) => release(ptrs[i]!, Math.max(16, a.byteLength)));
  }
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('gemmF32 vs reference (bitwise)', () => {
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [4, 8, 3],
    [5, 9, 7],
    [13, 19, 37],
    [64, 40, 33],
    [3, 17, 64],
    [150, 21, 9], // more rows than one packed chunk of op(A) (64), and m mod 4 ≠ 0
    [200, 8, 64],
    [9, 40, 600], // k > 256: the sums are carried across steps along k; two column panels packed at once
    [66, 17, 513],
  ];
  for (const [m, n, k] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          it(`m=${m} n=${n} k=${k} transA=${transA} transB=${transB} accumulate=${accumulate}`, () => {
            const A = seeded(m * k, m * 31 + k);
            const B = seeded(n * k, n * 17 + k + 1);
            const C0 = seeded(m * n, 99);
            const alpha = 0.375;
            const expected = refGemm.gemm(A, B, C0.slice(), m, n, k, { transA, transB, alpha, accumulate });
            const C = C0.slice();
            const pack = new Float32Array(getKernels().gemmScratchBytes(k) / 4);
            withWasm([A, B, C, pack], ([a, b, c, p]) => getKernels().gemmF32(a!, b!, c!, m, n, k, transA ? 1 : 0, transB ? 1 : 0, alpha, accumulate ? 1 : 0, p!));
            expect(bits(C)).toEqual(bits(expected as Float32Array));
          });
        }
      }
    }
  }
});

describe('MLP pieces vs reference', () => {
  it('biasActF32 (relu and identity) is bitwise equal', () => {
    for (const relu of [0, 1]) {
      const Z = seeded(7 * 11, 3);
      const b = seeded(11, 4);
      const expected = refMlp.biasAct(Z.slice(), b, 7, 11, relu === 1);
      withWasm([Z, b], ([z, bp]) => getKernels().biasActF32(z!, bp!, 7, 11, relu));
      expect(bits(Z)).toEqual(bits(expected as Float32Array));
    }
  });
  it('reluBackwardF32 and colSumF32 are bitwise equal', () => {
    const D = seeded(6 * 9, 5);
    const H = seeded(6 * 9, 6);
    const expected = refMlp.reluBackward(D.slice(), H);
    withWasm([D, H], ([d, h]) => getKernels().reluBackwardF32(d!, h!, 54));
    expect(bits(D)).toEqual(bits(expected as Float32Array));
    const out = new Float32Array(9);
    const expectedSum = refMlp.colSum(H, new Float32Array(9), 6, 9);
    withWasm([H, out], ([h, o]) => getKernels().colSumF32(h!, o!, 6, 9));
    expect(bits(out)).toEqual(bits(expectedSum as Float32Array));
  });
  it('softmaxXentF32 matches (loss to 1e-12 relative, gradients to 1 float32 ulp)', () => {
    const rows = 9;
    const cols = 10;
    const logits = seeded(rows * cols, 8, 6);
    const labels = Int32Array.from({ length: rows }, (_, i) => (i * 7) % cols);
    const D = new Float32Array(rows * cols);
    const refD = new Float32Array(rows * cols);
    const refLoss = refMlp.softmaxXent(logits, labels, refD, rows, cols, 1 / rows);
    const loss = withWasm([logits, labels, D], ([l, y, d]) => getKernels().softmaxXentF32(l!, y!, d!, rows, cols, 1 / rows)) as number;
    expect(Math.abs(loss - refLoss)).toBeLessThanOrEqual(1e-12 * refLoss);
    for (let i = 0; i < D.length; i++) expect(Math.abs(D[i]! - refD[i]!)).toBeLessThanOrEqual(2 ** -23 * Math.abs(refD[i]!) + 1e-30);
    // Rows of the gradient sum to 0 (softmax sums to one).
    for (let r = 0; r < rows; r++) expect(Math.abs(D.subarray(r * cols, (r + 1) * cols).reduce((a, b) => a + b, 0))).toBeLessThan(1e-7);
  });
});

describe('optimizers vs reference (bitwise)', () => {
  it('sgdF32 plain and with momentum', () => {
    for (const momentum of [0, 0.9]) {
      const W = seeded(37, 10);
      const G = seeded(37, 11);
      const buf = seeded(37, 12);
      const [eW, eB] = [W.slice(), buf.slice()];
      refOptim.sgd(eW, G, eB, 0.01, momentum);
      withWasm([W, G, buf], ([w, g, b]) => getKernels().sgdF32(w!, g!, b!, 37, 0.01, momentum));
      expect(bits(W)).toEqual(bits(eW));
      if (momentum > 0) expect(bits(buf)).toEqual(bits(eB));
    }
  });
  it('adamF32 over three steps', () => {
    const W = seeded(41, 13);
    const M = new Float32Array(41);
    const V = new Float32Array(41);
    const [eW, eM, eV] = [W.slice(), M.slice(), V.slice()];
    for (let t = 1; t <= 3; t++) {
      const G = seeded(41, 20 + t, 1e-3);
      const c = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, c1: 1 - 0.9 ** t, c2: 1 - 0.999 ** t };
      refOptim.adam(eW, G, eM, eV, c);
      withWasm([W, G, M, V], ([w, g, m, v]) => getKernels().adamF32(w!, g!, m!, v!, 41, c.lr, c.beta1, c.beta2, c.eps, c.c1, c.c2));
    }
    expect(bits(W)).toEqual(bits(eW));
    expect(bits(M)).toEqual(bits(eM));
    expect(bits(V)).toEqual(bits(eV));
  });
});
