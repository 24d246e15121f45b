// signgdTrialsF32 (problem 1b's trials in one call) against the per-call sequence it replaces in @hw3/core, run here
// on the same module's kernels from the same generator state: every output and the generator's final state bit for bit.
import { describe, expect, it } from 'vitest';
import { get, kernels, put, seedState } from './harness.js';

/** The per-call loop: what measureSigngdRms did trial by trial before the kernel existed. */
function perCall(state: Uint32Array, d1: number, d2: number, trials: number, withFresh: boolean) {
  const [st, w, x, g, y] = [put(state), put(new Float32Array(d1 * d2)), put(new Float32Array(d1)), put(new Float32Array(d2)), put(new Float32Array(d2))];
  const train = new Float64Array(trials);
  const fresh = new Float64Array(trials);
  const meanSquare = () => {
    const v = new Float32Array(kernels.memory.buffer, y, d2);
    let s = 0;
    for (let j = 0; j < d2; j++) s += v[j]! * v[j]!;
    return s / d2;
  };
  for (let t = 0; t < trials; t++) {
    kernels.normalF32(st, x, d1, 0, 1);
    kernels.normalF32(st, g, d2, 0, 1);
    new Float32Array(kernels.memory.buffer, w, d1 * d2).fill(0);
    kernels.signgdOuterF32(w, g, x, d2, d1, 1);
    kernels.matvecF32(w, x, y, d2, d1);
    train[t] = meanSquare();
    if (withFresh) {
      kernels.normalF32(st, x, d1, 0, 1);
      kernels.matvecF32(w, x, y, d2, d1);
      fresh[t] = meanSquare();
    }
  }
  return { train, fresh, state: get(Uint32Array, st, 8) };
}

function oneCall(state: Uint32Array, d1: number, d2: number, trials: number, withFresh: boolean) {
  const [st, w, x, g, y] = [put(state), put(new Float32Array(d1 * d2)), put(new Float32Array(d1)), put(new Float32Array(d2)), put(new Float32Array(d2))];
  const [train, fresh] = [put(new Float64Array(trials)), put(new Float64Array(trials))];
  kernels.signgdTrialsF32(st, w, x, g, y, d1, d2, trials, withFresh ? 1 : 0, train, fresh);
  return { train: get(Float64Array, train, trials), fresh: get(Float64Array, fresh, trials), state: get(Uint32Array, st, 8) };
}

describe('signgdTrialsF32 = the per-call sequence, bit for bit', () => {
  // d₁ and d₂ off and on the kernels' 4-row and SIMD-lane boundaries; the homework's first grid point (4, 64).
  for (const [d1, d2, trials] of [[1, 1, 3], [4, 64, 50], [5, 7, 20], [33, 130, 6], [256, 64, 3]] as const) {
    for (const withFresh of [true, false]) {
      it(`d₁ = ${d1}, d₂ = ${d2}, ${trials} trials${withFresh ? ', with a fresh x' : ''}`, () => {
        const state = seedState(d1 * 1000 + d2);
        const want = perCall(state, d1, d2, trials, withFresh);
        const got = oneCall(state, d1, d2, trials, withFresh);
        expect(Array.from(got.train)).toEqual(Array.from(want.train));
        expect(Array.from(got.state)).toEqual(Array.from(want.state));
        if (withFresh) expect(Array.from(got.fresh)).toEqual(Array.from(want.fresh));
        expect(got.train.every((v) => v > 0)).toBe(true);
      });
    }
  }
});
