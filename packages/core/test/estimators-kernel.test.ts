// The WASM estimator kernels against the plain-TS reference, called with the same arguments and PRNG state: the
// streamed moments must agree bit for bit where only + − × ÷ √ are involved (costs (x − c)² and x), and to rounding
// where exp/cos/log come from two different math libraries.
import { describe, expect, it } from 'vitest';
import { createRng } from '@hw3/core';
import { gaussianEstimatorScratch, instantiateKernelsSync, type KernelExports } from '@hw3/kernels';
import { estimators as reference } from '@hw3/kernels/reference';
import { compileKernelsSync } from '@hw3/kernels/source';

const kernels: KernelExports = instantiateKernelsSync(compileKernelsSync());

function put(values: ArrayLike<number>): number {
  const ptr = kernels.alloc(Math.max(16, values.length * 8));
  new Float64Array(kernels.memory.buffer, ptr, values.length).set(Array.from(values));
  return ptr;
}

interface Case {
  k: number;
  cost: number;
  c: number;
  estimator: number;
  param: number;
  baseline: number;
  batch: number;
  units: number;
  chunkUnits: number;
}

function runBoth(t: Case, seed: number) {
  const mu = Array.from({ length: t.k }, (_, i) => 0.3 * i - 0.4);
  const sigma = Array.from({ length: t.k }, (_, i) => 0.5 + 0.25 * i);
  const w = Array.from({ length: t.k }, (_, i) => 1 + 0.5 * i);
  const outs = t.param === 2 ? 1 : t.k;
  const b = Array.from({ length: outs }, (_, i) => 0.7 + i);
  const state = createRng(seed).getState();

  const statePtr = kernels.alloc(32);
  const ptrs = [mu, sigma, w, b].map(put);
  const scratch = kernels.alloc(8 * gaussianEstimatorScratch(t.k, t.estimator, t.param, t.batch, t.chunkUnits));
  const statsPtr = put(new Float64Array(7 * outs));
  new Uint32Array(kernels.memory.buffer, statePtr, 8).set(state);
  kernels.gaussianGradEstimates(statePtr, t.k, ptrs[0]!, ptrs[1]!, ptrs[2]!, t.cost, t.c, t.estimator, t.param, t.baseline, ptrs[3]!, t.units, t.batch, t.chunkUnits, scratch, statsPtr);
  const wasm = Float64Array.from(new Float64Array(kernels.memory.buffer, statsPtr, 7 * outs));
  const wasmState = Array.from(new Uint32Array(kernels.memory.buffer, statePtr, 8));
  for (const p of [statePtr, ...ptrs, scratch, statsPtr]) kernels.free(p);

  const refState = Uint32Array.from(state);
  const ref = new Float64Array(7 * outs);
  reference.gaussianGradEstimates(refState, { ...t, mu, sigma, w, b, cost: reference.builtinCost(t.cost, t.c) }, ref);
  return { wasm, ref, wasmState, refState: Array.from(refState) };
}

const base: Case = { k: 3, cost: 0, c: 0.5, estimator: 0, param: 0, baseline: 0, batch: 1, units: 300, chunkUnits: 64 };
const VARIANTS: Partial<Case>[] = [];
for (const estimator of [0, 1, 2]) for (const param of [0, 1, 2]) VARIANTS.push({ estimator, param });
for (const baseline of [1, 2, 3]) for (const param of [0, 2]) VARIANTS.push({ baseline, param, batch: 4, units: 100, chunkUnits: 7 });

describe('gaussianGradEstimates: WASM = reference', () => {
  // Measure-valued σ draws its coupling uniform as exp(−(z₄² + z₅²)/2): exp differs in the last bit between libraries.
  for (const cost of [0, 1]) {
    for (const v of VARIANTS.filter((x) => !(x.estimator === 2 && x.param !== 0))) {
      const t = { ...base, cost, ...v };
      it(`bit-identical: cost ${cost}, estimator ${t.estimator}, param ${t.param}, baseline ${t.baseline}`, () => {
        const r = runBoth(t, 11);
        expect(r.wasmState).toEqual(r.refState);
        expect(Array.from(r.wasm)).toEqual(Array.from(r.ref));
        expect(r.wasm[0]).toBe(t.units); // one observation per unit
      });
    }
  }
  for (const cost of [0, 2, 3]) {
    for (const v of VARIANTS.slice(0, 9)) {
      const t = { ...base, cost, c: 1.7, ...v };
      it(`equal to rounding: cost ${cost}, estimator ${t.estimator}, param ${t.param}`, () => {
        const r = runBoth(t, 12);
        expect(r.wasmState).toEqual(r.refState);
        for (let i = 0; i < r.ref.length; i++) expect(Math.abs(r.wasm[i]! - r.ref[i]!)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(r.ref[i]!)));
      });
    }
  }
});

describe('scalarGradEstimates: WASM = reference', () => {
  for (const [dist, theta, estimator, baseline, batch] of [
    [0, 1.5, 0, 0, 1],
    [0, 1.5, 1, 0, 1],
    [0, 0.7, 0, 2, 5],
    [1, 0.3, 0, 0, 1],
    [1, -1.2, 0, 1, 1],
    [1, 0.3, 0, 3, 3],
  ] as const) {
    it(`dist ${dist}, θ ${theta}, estimator ${estimator}, baseline ${baseline}`, () => {
      const state = createRng(5).getState();
      const statePtr = kernels.alloc(32);
      const chunkUnits = 9;
      const scratch = kernels.alloc(8 * (chunkUnits * batch + batch + 1));
      const statsPtr = put(new Float64Array(7));
      new Uint32Array(kernels.memory.buffer, statePtr, 8).set(state);
      kernels.scalarGradEstimates(statePtr, dist, theta, 0, 0.25, estimator, baseline, 0.4, 50, batch, chunkUnits, scratch, statsPtr);
      const wasm = Array.from(new Float64Array(kernels.memory.buffer, statsPtr, 7));
      const wasmState = Array.from(new Uint32Array(kernels.memory.buffer, statePtr, 8));
      for (const p of [statePtr, scratch, statsPtr]) kernels.free(p);
      const refState = Uint32Array.from(state);
      const ref = new Float64Array(7);
      reference.scalarGradEstimates(refState, { dist, theta, cost: reference.builtinCost(0, 0.25), estimator, baseline, b: 0.4, units: 50, batch, chunkUnits }, ref);
      expect(wasmState).toEqual(Array.from(refState));
      for (let i = 0; i < 7; i++) expect(Math.abs(wasm[i]! - ref[i]!)).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(ref[i]!)));
    });
  }
});

describe('streamed moments', () => {
  it('Terriberry updates equal two-pass central moments', () => {
    const rng = createRng(3);
    const xs = Array.from({ length: 1000 }, () => 5 + rng.normal() ** 3);
    const stats = new Float64Array(7);
    for (const x of xs) reference.pushMoments(stats, 0, x);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const central = (p: number) => xs.reduce((s, x) => s + (x - mean) ** p, 0);
    expect(stats[0]).toBe(1000);
    expect(stats[1]).toBeCloseTo(mean, 12);
    for (const [i, p] of [[2, 2], [3, 3], [4, 4]] as const) expect(Math.abs(stats[i]! - central(p)) / Math.abs(central(p))).toBeLessThan(1e-10);
  });
});
