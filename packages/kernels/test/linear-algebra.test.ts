// matvec, SignGD, GEMM and the MLP's elementwise kernels against their plain-TS oracles (src/reference). SIMD matvec
// sums in another order than the naive oracle, so it is held to the summation error bound against it, and bitwise
// against its kernel-order twin; everything else is bitwise.
import { describe, expect, it } from 'vitest';
import { gemm, matvec, mlp, optim, signgd } from '../src/reference/index.js';
import { compare, get, kernels, put, uniformData } from './harness.js';

const SHAPES: [number, number][] = [[1, 1], [3, 5], [8, 4], [17, 33], [64, 1037], [255, 257]];

/** |error| of a dot product of length n in precision u is at most γₙ·Σ|aᵢbᵢ| (γₙ = nu/(1 − nu)); two sums differ by twice that. */
function sumBound(n: number, u: number, absSum: number): number {
  return (2 * n * u * absSum) / (1 - n * u);
}

/** y = Wx and t = Wᵀg by the WASM kernels of T's dtype (W: rows × cols, row-major). */
function runMatvecKernels(T: Float32ArrayConstructor | Float64ArrayConstructor, W: Float32Array | Float64Array, x: Float32Array | Float64Array, g: Float32Array | Float64Array, rows: number, cols: number) {
  const f32 = T === Float32Array;
  const [pW, px, pg, py, pt] = [put(W), put(x), put(g), put(new T(rows)), put(new T(cols))];
  (f32 ? kernels.matvecF32 : kernels.matvecF64)(pW, px, py, rows, cols);
  (f32 ? kernels.matvecTransposedF32 : kernels.matvecTransposedF64)(pW, pg, pt, rows, cols);
  return { y: get(T, py, rows), t: get(T, pt, cols) };
}

describe('matvec kernels vs reference (within the summation error bound)', () => {
  for (const [rows, cols] of SHAPES) {
    for (const f32 of [true, false]) {
      it(`${f32 ? 'f32' : 'f64'} ${rows}×${cols}: y = Wx and y = Wᵀg`, () => {
        const T = f32 ? Float32Array : Float64Array;
        const u = f32 ? 2 ** -24 : 2 ** -53;
        const W = T.from(uniformData(rows * cols, rows * 7 + cols));
        const x = T.from(uniformData(cols, 11));
        const g = T.from(uniformData(rows, 13));
        const { y, t } = runMatvecKernels(T, W, x, g, rows, cols);
        const yRef = matvec.matvec(W, x, new T(rows), rows, cols);
        const tRef = matvec.matvecTransposed(W, g, new T(cols), rows, cols);
        const absW = W.map(Math.abs);
        const yBound = Math.max(...matvec.matvec(absW, x.map(Math.abs), new Float64Array(rows), rows, cols).map((s) => sumBound(cols, u, s)));
        const tBound = Math.max(...matvec.matvecTransposed(absW, g.map(Math.abs), new Float64Array(cols), rows, cols).map((s) => sumBound(rows, u, s)));
        expect(compare(`matvec${f32 ? 'F32' : 'F64'} ${rows}×${cols}`, y, yRef)).toBeLessThanOrEqual(yBound);
        expect(compare(`matvecTransposed${f32 ? 'F32' : 'F64'} ${rows}×${cols}`, t, tRef)).toBeLessThanOrEqual(tBound);
      });
    }
  }
});

describe('matvec kernels vs their kernel-order twins (bitwise)', () => {
  // Row counts around the four-stream split (rows mod 4 = 0…3) and column counts around the lane width.
  const shapes: [number, number][] = [...SHAPES, [4, 4], [5, 9], [6, 2], [7, 3], [12, 6], [39, 19], [64, 64], [130, 67]];
  for (const [rows, cols] of shapes) {
    it(`${rows}×${cols}, f32 and f64: y = Wx and y = Wᵀg`, () => {
      for (const T of [Float32Array, Float64Array]) {
        const f32 = T === Float32Array;
        const W = T.from(uniformData(rows * cols, rows * 5 + cols));
        const x = T.from(uniformData(cols, 17));
        const g = T.from(uniformData(rows, 19));
        const { y, t } = runMatvecKernels(T, W, x, g, rows, cols);
        const name = `${f32 ? 'F32' : 'F64'} ${rows}×${cols}`;
        expect(compare(`matvec${name}`, y, matvec.matvecKernelOrder(W, x, new T(rows), rows, cols))).toBe(0);
        expect(compare(`matvecTransposed${name}`, t, matvec.matvecTransposedKernelOrder(W, g, new T(cols), rows, cols))).toBe(0);
      }
    });
  }
});

describe('SignGD kernels vs reference (bitwise)', () => {
  for (const [rows, cols] of SHAPES) {
    it(`${rows}×${cols}, f32 and f64, outer and plain`, () => {
      for (const T of [Float32Array, Float64Array]) {
        const f32 = T === Float32Array;
        const W = T.from(uniformData(rows * cols, 3));
        const g = T.from(uniformData(rows, 5));
        const x = T.from(uniformData(cols, 6));
        g[0] = 0; // sign(0) = 0
        const pW = put(W);
        (f32 ? kernels.signgdOuterF32 : kernels.signgdOuterF64)(pW, put(g), put(x), rows, cols, 0.01);
        const outer = signgd.signgdOuter(T.from(W), g, x, rows, cols, 0.01);
        expect(compare(`signgdOuter${f32 ? 'F32' : 'F64'} ${rows}×${cols}`, get(T, pW, rows * cols), outer)).toBe(0);
        const G = T.from(uniformData(rows * cols, 8));
        const pW2 = put(W);
        (f32 ? kernels.signgdF32 : kernels.signgdF64)(pW2, put(G), rows * cols, 0.03);
        expect(compare(`signgd${f32 ? 'F32' : 'F64'} ${rows * cols}`, get(T, pW2, rows * cols), signgd.signgd(T.from(W), G, 0.03))).toBe(0);
      }
    });
  }
});

describe('GEMM and MLP kernels vs reference (bitwise)', () => {
  const cases: [number, number, number][] = [[1, 1, 1], [5, 3, 7], [16, 10, 64], [33, 17, 129]];
  for (const [m, n, k] of cases) {
    it(`gemmF32 ${m}×${n}×${k}, every transpose, alpha and accumulate`, () => {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          const A = Float32Array.from(uniformData(m * k, m + k));
          const B = Float32Array.from(uniformData(k * n, n + k));
          const C0 = Float32Array.from(uniformData(m * n, m * n));
          for (const [alpha, accumulate] of [[1, false], [0.37, true]] as const) {
            const pC = put(C0);
            kernels.gemmF32(put(A), put(B), pC, m, n, k, +transA, +transB, alpha, +accumulate, put(new Uint8Array(kernels.gemmScratchBytes(k))));
            const ref = gemm.gemm(A, B, Float32Array.from(C0), m, n, k, { transA, transB, alpha, accumulate });
            expect(compare(`gemmF32 ${m}×${n}×${k} tA=${+transA} tB=${+transB} α=${alpha}`, get(Float32Array, pC, m * n), ref)).toBe(0);
          }
        }
      }
    });
  }

  it('biasActF32, reluBackwardF32, colSumF32, softmaxXentF32 (loss and gradient to one f32 ulp)', () => {
    const [rows, cols] = [37, 10];
    const Z = Float32Array.from(uniformData(rows * cols, 1, -3, 3));
    const b = Float32Array.from(uniformData(cols, 2));
    for (const relu of [0, 1]) {
      const pZ = put(Z);
      kernels.biasActF32(pZ, put(b), rows, cols, relu);
      expect(compare(`biasActF32 relu=${relu}`, get(Float32Array, pZ, rows * cols), mlp.biasAct(Float32Array.from(Z), b, rows, cols, relu === 1))).toBe(0);
    }
    const H = Float32Array.from(uniformData(rows * cols, 3)).map((v) => Math.max(0, v));
    const pD = put(Z);
    kernels.reluBackwardF32(pD, put(H), rows * cols);
    expect(compare('reluBackwardF32', get(Float32Array, pD, rows * cols), mlp.reluBackward(Float32Array.from(Z), H))).toBe(0);
    const pOut = put(new Float32Array(cols));
    kernels.colSumF32(put(Z), pOut, rows, cols);
    expect(compare('colSumF32', get(Float32Array, pOut, cols), mlp.colSum(Z, new Float32Array(cols), rows, cols))).toBe(0);
    const labels = Int32Array.from({ length: rows }, (_, i) => (i * 7) % cols);
    const pGrad = put(new Float32Array(rows * cols));
    const loss = kernels.softmaxXentF32(put(Z), put(labels), pGrad, rows, cols, 1 / rows);
    const grad = new Float32Array(rows * cols);
    const lossRef = mlp.softmaxXent(Z, labels, grad, rows, cols, 1 / rows);
    const ulp = 2 ** -23;
    expect(compare('softmaxXentF32 loss', [loss], [lossRef])).toBeLessThanOrEqual(ulp * Math.abs(lossRef));
    expect(compare('softmaxXentF32 gradient', get(Float32Array, pGrad, rows * cols), grad)).toBeLessThanOrEqual(ulp);
  });

  it('sgdF32 (with and without momentum) and adamF32', () => {
    const n = 1001;
    const W = Float32Array.from(uniformData(n, 1));
    const G = Float32Array.from(uniformData(n, 2));
    const buf = Float32Array.from(uniformData(n, 3));
    for (const momentum of [0, 0.9]) {
      const [pW, pBuf] = [put(W), put(buf)];
      kernels.sgdF32(pW, put(G), pBuf, n, 0.1, momentum);
      const bufRef = Float32Array.from(buf);
      expect(compare(`sgdF32 momentum=${momentum}`, get(Float32Array, pW, n), optim.sgd(Float32Array.from(W), G, bufRef, 0.1, momentum))).toBe(0);
      expect(compare(`sgdF32 momentum=${momentum} buffer`, get(Float32Array, pBuf, n), bufRef)).toBe(0);
    }
    const M = Float32Array.from(uniformData(n, 4, -0.1, 0.1));
    const V = Float32Array.from(uniformData(n, 5, 0, 0.01));
    const c = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, c1: 1 - 0.9 ** 3, c2: 1 - 0.999 ** 3 };
    const [pW, pM, pV] = [put(W), put(M), put(V)];
    kernels.adamF32(pW, put(G), pM, pV, n, c.lr, c.beta1, c.beta2, c.eps, c.c1, c.c2);
    const [Mr, Vr] = [Float32Array.from(M), Float32Array.from(V)];
    expect(compare('adamF32', get(Float32Array, pW, n), optim.adam(Float32Array.from(W), G, Mr, Vr, c))).toBe(0);
    expect(compare('adamF32 moments', [...get(Float32Array, pM, n), ...get(Float32Array, pV, n)], [...Mr, ...Vr])).toBe(0);
  });
});
