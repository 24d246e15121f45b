// The homework's remat simulation and the gradient estimators against their oracles: counts exactly; the estimators'
// streamed moments to 1e-11 relative (the kernel reorders a few f64 sums), with the generator left in the same state.
import { describe, expect, it } from 'vitest';
import { ESTIMATOR_STAT_WORDS, gaussianEstimatorScratch } from '../src/index.js';
import { estimators } from '../src/js/index.js';
import { remat } from '../src/reference/index.js';
import { compare, get, kernels, put, seedState, uniformData } from './harness.js';

describe('rematSimulate vs reference (exact counts)', () => {
  it('every-k patterns and 300 random checkpoint sets, both modes', () => {
    const patterns: Uint8Array[] = [];
    for (const n of [1, 2, 9, 10, 31]) for (let k = 1; k <= n; k++) patterns.push(Uint8Array.from({ length: n }, (_, i) => +((i + 1) % k === 0)));
    const coins = uniformData(300 * 40, 9, 0, 1);
    for (let t = 0; t < 300; t++) patterns.push(Uint8Array.from({ length: 1 + (t % 40) }, (_, i) => +(coins[t * 40 + i]! < 0.3)));
    const wasm: number[] = [];
    const oracle: number[] = [];
    for (const stored of patterns) {
      for (const mode of [0, 1] as const) {
        const out = put(new Float64Array(3));
        kernels.rematSimulate(put(stored), stored.length, mode, put(new Int32Array(stored.length)), out);
        wasm.push(...get(Float64Array, out, 3));
        const r = remat.rematSimulate(stored, mode);
        oracle.push(r.fwd, r.loadmem, r.peak);
      }
    }
    expect(compare('rematSimulate (fwd, loadmem, peak)', wasm, oracle)).toBe(0);
  });
});

/** Largest |a − b| / max(1, |b|). */
function relative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

describe('estimator kernels vs their JS twins', () => {
  const [k, units, batch, chunkUnits] = [4, 60, 8, 7];
  for (const [estimator, param] of [[0, 0], [0, 1], [1, 0], [1, 2], [2, 0], [2, 1]] as const) {
    it(`gaussianGradEstimates estimator ${estimator}, param ${param}, cost (x − c)², constant baseline`, () => {
      const mu = uniformData(k, 1);
      const sigma = uniformData(k, 2, 0.5, 2);
      const w = uniformData(k, 3, 0.5, 1.5);
      const outs = param === 2 ? 1 : k;
      const b = uniformData(outs, 4);
      const statePtr = put(seedState(estimator * 3 + param));
      const statsPtr = put(new Float64Array(outs * ESTIMATOR_STAT_WORDS));
      const scratch = put(new Float64Array(gaussianEstimatorScratch(k, estimator, param, batch, chunkUnits)));
      kernels.gaussianGradEstimates(statePtr, k, put(mu), put(sigma), put(w), 0, 0.25, estimator, param, 1, put(b), units, batch, chunkUnits, scratch, statsPtr);
      const state = seedState(estimator * 3 + param);
      const stats = new Float64Array(outs * ESTIMATOR_STAT_WORDS);
      estimators.gaussianGradEstimates(state, { k, mu, sigma, w, cost: estimators.builtinCost(0, 0.25), estimator, param, baseline: 1, b, units, batch, chunkUnits }, stats);
      const wasm = get(Float64Array, statsPtr, stats.length);
      compare(`gaussianGradEstimates e=${estimator} p=${param}`, wasm, stats);
      expect(relative(wasm, stats)).toBeLessThanOrEqual(1e-11);
      expect(get(Uint32Array, statePtr, 8)).toEqual(state);
    });
  }

  for (const [dist, estimator] of [[0, 0], [0, 1], [1, 0]] as const) {
    it(`scalarGradEstimates dist ${dist}, estimator ${estimator}, leave-one-out baseline`, () => {
      const statePtr = put(seedState(40 + dist * 2 + estimator));
      const statsPtr = put(new Float64Array(ESTIMATOR_STAT_WORDS));
      kernels.scalarGradEstimates(statePtr, dist, 0.7, 0, 0.25, estimator, 2, 0, units, batch, chunkUnits, put(new Float64Array(chunkUnits * batch + batch + 1)), statsPtr);
      const state = seedState(40 + dist * 2 + estimator);
      const stats = new Float64Array(ESTIMATOR_STAT_WORDS);
      estimators.scalarGradEstimates(state, { dist, theta: 0.7, cost: estimators.builtinCost(0, 0.25), estimator, baseline: 2, b: 0, units, batch, chunkUnits }, stats);
      const wasm = get(Float64Array, statsPtr, stats.length);
      compare(`scalarGradEstimates d=${dist} e=${estimator}`, wasm, stats);
      expect(relative(wasm, stats)).toBeLessThanOrEqual(1e-11);
      expect(get(Uint32Array, statePtr, 8)).toEqual(state);
    });
  }
});
