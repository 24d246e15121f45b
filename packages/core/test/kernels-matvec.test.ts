// matvec / matvecTransposed (WASM, SIMD) against the plain-TS reference, through the public API.
//
// Tolerance. Every product W_rc·x_c is rounded once and the n = (terms per output) products are summed in some order
// (the kernel uses 4- or 2-lane partial sums, the reference a plain loop). For any summation order without FMA the
// standard bound (Higham, Accuracy and Stability, §3.1) is
//   |ŷ − y| ≤ γ_n · Σ_c |W_rc x_c|,   γ_n = n·u / (1 − n·u),
// with u = 2⁻²⁴ (f32) or 2⁻⁵³ (f64). The "true" y is computed by the reference in f64 from the same (f32) inputs,
// which itself carries γ_n(2⁻⁵³)·Σ|W x|; the allowed difference is the sum of both bounds. Any indexing or tail-loop
// bug gives O(Σ|W x|) errors, orders of magnitude beyond it.
import { describe, expect, it } from 'vitest';
import { matvec, matvecTransposed, memoryUsage, WasmArray } from '@hw3/core';
import { matvec as ref } from '@hw3/kernels/reference';
import { expectSameBits, randomVector, testRandom } from './spine-helpers.js';

type DType = 'f32' | 'f64';
const U: Record<DType, number> = { f32: 2 ** -24, f64: 2 ** -53 };
const gamma = (n: number, u: number) => (n * u) / (1 - n * u);

/** Reference y = W x (or Wᵀ g) in f64 and the per-output bound Σ|W x|. */
function exact(W: ArrayLike<number>, v: ArrayLike<number>, rows: number, cols: number, transposed: boolean) {
  const W64 = Float64Array.from(W);
  const v64 = Float64Array.from(v);
  const absW = W64.map(Math.abs);
  const absV = v64.map(Math.abs);
  const n = transposed ? cols : rows;
  const y = new Float64Array(n);
  const mag = new Float64Array(n);
  if (transposed) {
    ref.matvecTransposed(W64, v64, y, rows, cols);
    ref.matvecTransposed(absW, absV, mag, rows, cols);
  } else {
    ref.matvec(W64, v64, y, rows, cols);
    ref.matvec(absW, absV, mag, rows, cols);
  }
  return { y, mag };
}

function expectWithinBound(actual: ArrayLike<number>, W: ArrayLike<number>, v: ArrayLike<number>, rows: number, cols: number, transposed: boolean, dtype: DType) {
  const { y, mag } = exact(W, v, rows, cols, transposed);
  const terms = transposed ? rows : cols;
  const factor = gamma(terms, U[dtype]) + gamma(terms, U.f64);
  expect(actual.length).toBe(y.length);
  for (let i = 0; i < y.length; i++) {
    const err = Math.abs(actual[i]! - y[i]!);
    if (!(err <= factor * mag[i]!)) {
      expect.fail(`${dtype} ${transposed ? 'Wᵀg' : 'Wx'} ${rows}×${cols}, element ${i}: got ${actual[i]}, exact ${y[i]}, |err| ${err} > bound ${factor * mag[i]!}`);
    }
  }
}

// Sizes: 1, 2, 3, odd, non-multiples of the lane count (4 for f32, 2 for f64) and of the 4-row blocking, exact
// multiples, and one large case.
const SHAPES: [number, number][] = [
  [1, 1], [1, 2], [2, 1], [2, 2], [3, 3], [1, 3], [3, 1], [4, 4], [5, 7], [7, 5], [8, 8], [9, 17],
  [17, 9], [15, 33], [33, 15], [31, 64], [64, 31], [6, 10], [13, 1], [1, 13], [1000, 1037],
];

describe.each(['f32', 'f64'] as const)('matvec %s vs reference', (dtype) => {
  it.each(SHAPES)('y = W x, plain arrays, %i × %i', (rows, cols) => {
    const rand = testRandom(rows * 7919 + cols);
    const W = randomVector(dtype, rows * cols, rand);
    const x = randomVector(dtype, cols, rand);
    const Wc = W.slice();
    const xc = x.slice();
    const y = matvec(W, x, { rows, cols });
    expect(y).toBeInstanceOf(dtype === 'f32' ? Float32Array : Float64Array);
    expectWithinBound(y, W, x, rows, cols, false, dtype);
    expectSameBits(W, Wc, 'W unchanged');
    expectSameBits(x, xc, 'x unchanged');
  });

  it.each(SHAPES)('y = Wᵀ g, plain arrays, %i × %i', (rows, cols) => {
    const rand = testRandom(rows * 104729 + cols);
    const W = randomVector(dtype, rows * cols, rand);
    const g = randomVector(dtype, rows, rand);
    const y = matvecTransposed(W, g, { rows, cols });
    expectWithinBound(y, W, g, rows, cols, true, dtype);
  });

  it.each([[1, 1], [3, 5], [4, 9], [37, 41], [1000, 1037]] as [number, number][])(
    'WasmArray inputs and output (zero-copy), %i × %i',
    (rows, cols) => {
      const rand = testRandom(rows + 31 * cols);
      const Wj = randomVector(dtype, rows * cols, rand);
      const xj = randomVector(dtype, cols, rand);
      const gj = randomVector(dtype, rows, rand);
      const before = memoryUsage().liveBytes;
      const W = WasmArray.from(dtype, Wj);
      const x = WasmArray.from(dtype, xj);
      const g = WasmArray.from(dtype, gj);
      const y = new WasmArray(dtype, rows);
      const yt = new WasmArray(dtype, cols);
      try {
        expect(matvec(W, x, { rows, cols, out: y })).toBe(y);
        expectWithinBound(y.view(), Wj, xj, rows, cols, false, dtype);
        expect(matvecTransposed(W, g, { rows, cols, out: yt })).toBe(yt);
        expectWithinBound(yt.view(), Wj, gj, rows, cols, true, dtype);
        // Mixed: WasmArray W with plain x → plain result; plain W with WasmArray x into a plain out.
        expectWithinBound(matvec(W, xj, { rows, cols }), Wj, xj, rows, cols, false, dtype);
        const out = dtype === 'f32' ? new Float32Array(rows) : new Float64Array(rows);
        expect(matvec(Wj, x, { rows, cols, out })).toBe(out);
        expectWithinBound(out, Wj, xj, rows, cols, false, dtype);
        expectSameBits(W.view(), Wj, 'W (WasmArray) unchanged');
      } finally {
        for (const a of [W, x, g, y, yt]) a.free();
      }
      expect(memoryUsage().liveBytes).toBe(before);
    },
  );

  it('is exact when every partial sum is representable (small integers)', () => {
    // Products and sums of integers with |·| < 2^24 are exact in f32 and f64, in any order: bit-identical results.
    const rand = testRandom(99);
    for (const [rows, cols] of [[1, 1], [3, 7], [9, 13], [64, 65]] as [number, number][]) {
      const W = randomVector(dtype, rows * cols, rand).map((v) => Math.round(v * 50));
      const x = randomVector(dtype, cols, rand).map((v) => Math.round(v * 50));
      const g = randomVector(dtype, rows, rand).map((v) => Math.round(v * 50));
      const yExp = dtype === 'f32' ? new Float32Array(rows) : new Float64Array(rows);
      const ytExp = dtype === 'f32' ? new Float32Array(cols) : new Float64Array(cols);
      expectSameBits(matvec(W, x, { rows, cols }), ref.matvec(W, x, yExp, rows, cols), 'W x');
      expectSameBits(matvecTransposed(W, g, { rows, cols }), ref.matvecTransposed(W, g, ytExp, rows, cols), 'Wᵀ g');
    }
  });

  it('propagates NaN and Infinity like the reference', () => {
    const rows = 5;
    const cols = 6;
    const W = (dtype === 'f32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols)).fill(1);
    const x = (dtype === 'f32' ? new Float32Array(cols) : new Float64Array(cols)).fill(1);
    W[2 * cols + 5] = NaN; // row 2, last column (the scalar tail)
    W[4 * cols + 0] = Infinity; // row 4, first column (a SIMD lane)
    const y = matvec(W, x, { rows, cols });
    expect(Array.from(y)).toEqual([6, 6, NaN, 6, Infinity]);
  });
});
