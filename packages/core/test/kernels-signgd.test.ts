// SignGD kernels (WASM, SIMD) against the plain-TS reference, bit for bit: both compute W − round(η·sign(g)·sign(x))
// with η rounded to the array's precision, sign(±0) = sign(NaN) = 0, so there is no rounding freedom to tolerate.
// Bits are compared, so −0 vs +0 and the zero/NaN sign rule are checked too.
import { describe, expect, it } from 'vitest';
import { memoryUsage, signgdOuterUpdate, signgdUpdate, WasmArray } from '@hw3/core';
import { signgd as ref } from '@hw3/kernels/reference';
import { expectSameBits, randomVector, testRandom } from './spine-helpers.js';

/** Random values with zeros (+0 and −0), NaN and ±Infinity sprinkled in, for g/x/G. */
function spiky(dtype: 'f32' | 'f64', n: number, rand: () => number) {
  const v = randomVector(dtype, n, rand);
  const specials = [0, -0, NaN, Infinity, -Infinity, 1e-30, -1e-30];
  for (let i = 0; i < n; i++) if (rand() < 0.25) v[i] = specials[Math.floor(rand() * specials.length)]!;
  return v;
}

/** W values: random, with some −0/+0 and large magnitudes where the subtraction rounds. */
function weights(dtype: 'f32' | 'f64', n: number, rand: () => number) {
  const v = randomVector(dtype, n, rand);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.1) v[i] = -0;
    else if (r < 0.15) v[i] = 0;
    else if (r < 0.25) v[i] = v[i]! * 1e7;
  }
  return v;
}

const SHAPES: [number, number][] = [
  [1, 1], [1, 2], [2, 1], [2, 2], [3, 3], [1, 3], [4, 4], [5, 7], [7, 5], [8, 8], [9, 17], [17, 9], [33, 15], [1000, 1037],
];
const RATES = [0.1, 1e-3, 0.5, 3.3e-7];

describe.each(['f32', 'f64'] as const)('signgd %s, bit-exact vs reference', (dtype) => {
  it.each(SHAPES)('outer update W ← W − η·sign(g xᵀ), plain arrays, %i × %i', (rows, cols) => {
    const rand = testRandom(rows * 65537 + cols);
    for (const lr of RATES) {
      const W = weights(dtype, rows * cols, rand);
      const g = spiky(dtype, rows, rand);
      const x = spiky(dtype, cols, rand);
      const expected = ref.signgdOuter(W.slice(), g, x, rows, cols, lr);
      const gc = g.slice();
      const xc = x.slice();
      expect(signgdOuterUpdate(W, g, x, { rows, cols, lr })).toBe(W);
      expectSameBits(W, expected, `W after update (lr ${lr})`);
      expectSameBits(g, gc, 'g unchanged');
      expectSameBits(x, xc, 'x unchanged');
    }
  });

  it.each([1, 2, 3, 4, 5, 7, 8, 9, 31, 1000, 100_003])('elementwise W ← W − η·sign(G), plain arrays, n = %i', (n) => {
    const rand = testRandom(n + 17);
    for (const lr of RATES) {
      const W = weights(dtype, n, rand);
      const G = spiky(dtype, n, rand);
      const expected = ref.signgd(W.slice(), G, lr);
      expect(signgdUpdate(W, G, { lr })).toBe(W);
      expectSameBits(W, expected, `W after update (lr ${lr})`);
    }
  });

  it.each([[1, 1], [3, 5], [4, 8], [37, 41], [1000, 1037]] as [number, number][])(
    'WasmArray W, g, x (in place, zero-copy), %i × %i',
    (rows, cols) => {
      const rand = testRandom(rows * 3 + cols);
      const Wj = weights(dtype, rows * cols, rand);
      const gj = spiky(dtype, rows, rand);
      const xj = spiky(dtype, cols, rand);
      const before = memoryUsage().liveBytes;
      const W = WasmArray.from(dtype, Wj);
      const g = WasmArray.from(dtype, gj);
      const x = WasmArray.from(dtype, xj);
      const W2 = WasmArray.from(dtype, Wj);
      const G = WasmArray.from(dtype, spiky(dtype, rows * cols, rand));
      try {
        expect(signgdOuterUpdate(W, g, x, { rows, cols, lr: 0.01 })).toBe(W);
        expectSameBits(W.view(), ref.signgdOuter(Wj.slice(), gj, xj, rows, cols, 0.01), 'W (WasmArray)');
        // Mixed: plain W, WasmArray g and x.
        const Wp = Wj.slice();
        signgdOuterUpdate(Wp, g, x, { rows, cols, lr: 0.01 });
        expectSameBits(Wp, W.view(), 'plain W with WasmArray g, x');
        const expected = ref.signgd(Wj.slice(), G.toArray(), 0.25);
        expect(signgdUpdate(W2, G, { lr: 0.25 })).toBe(W2);
        expectSameBits(W2.view(), expected, 'W2 (WasmArray) elementwise');
      } finally {
        for (const a of [W, g, x, W2, G]) a.free();
      }
      expect(memoryUsage().liveBytes).toBe(before);
    },
  );

  it('moves each weight by exactly ±η or 0 (sign rule by hand)', () => {
    const W = dtype === 'f32' ? new Float32Array(6) : new Float64Array(6);
    const g = dtype === 'f32' ? Float32Array.of(2, -0.5) : Float64Array.of(2, -0.5);
    const x = dtype === 'f32' ? Float32Array.of(-3, 0, NaN) : Float64Array.of(-3, 0, NaN);
    signgdOuterUpdate(W, g, x, { rows: 2, cols: 3, lr: 0.5 });
    // row 0: −0.5·sign(2·(−3)) = +0.5, then 0, 0; row 1: sign(−0.5·−3) = +1 → −0.5, then 0, 0.
    expect(Array.from(W)).toEqual([0.5, 0, 0, -0.5, 0, 0]);
  });
});
