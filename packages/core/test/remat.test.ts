// simulateRemat (WASM) against the homework's numbers, hand-worked cases, and the plain-TS reference (which walks the
// backward pass with an explicit resident set, a different method from the kernel's counting).
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, memoryUsage, simulateRemat } from '@hw3/core';
import { remat as ref } from '@hw3/kernels/reference';
import { testRandom } from './spine-helpers.js';

describe('homework vectors (fwd 20 ns, loadmem 10 ns)', () => {
  it('n = 10, every 5th stored → 20 fwd, 10 loadmem, 500 ns, break-even loaddisk 50 ns', () => {
    const r = simulateRemat({ layers: 10, every: 5 });
    expect(r).toMatchObject({ layers: 10, stored: [5, 10], mode: 'recompute', fwd: 20, loadmem: 10, fwdNs: 20, loadmemNs: 10 });
    expect(r.timeNs).toBe(500);
    expect(r.breakEvenLoaddiskNs).toBe(50);
    expect(r.disk).toBeUndefined();
  });

  it.each([
    [1, 0, 10],
    [2, 5, 20],
    [3, 10, 30],
    [4, 15, 40],
    [5, 20, 50],
    [10, 45, 100],
  ])('every %i-th of 10 → fwd %i, break-even %i ns', (k, fwd, breakEven) => {
    const r = simulateRemat({ layers: 10, every: k, fwdNs: 20, loadmemNs: 10 });
    expect(r.fwd).toBe(fwd);
    expect(r.loadmem).toBe(10); // one per layer: its own checkpoint or its segment's base
    expect(r.breakEvenLoaddiskNs).toBe(breakEven);
    expect(r.timeNs).toBe(fwd * 20 + 10 * 10);
  });

  it('loaddiskNs compares the all-on-disk alternative (n loaddisks)', () => {
    expect(simulateRemat({ layers: 10, every: 5, loaddiskNs: 50 }).disk).toEqual({ loaddisk: 10, loaddiskNs: 50, timeNs: 500, faster: 'tie' });
    expect(simulateRemat({ layers: 10, every: 5, loaddiskNs: 40 }).disk?.faster).toBe('disk');
    expect(simulateRemat({ layers: 10, every: 5, loaddiskNs: 60 }).disk?.faster).toBe('recompute');
    expect(simulateRemat({ layers: 10, every: 1, loaddiskNs: 10 }).disk?.faster).toBe('tie');
    expect(simulateRemat({ layers: 10, every: 10, loaddiskNs: 99.9 }).disk?.faster).toBe('disk');
    // Costs scale the time linearly; zero costs are allowed.
    const r = simulateRemat({ layers: 10, every: 5, fwdNs: 3, loadmemNs: 0 });
    expect(r.timeNs).toBe(60);
  });
});

describe('hand-worked cases', () => {
  it('stored lists: any order, duplicates removed, same as `every`', () => {
    const a = simulateRemat({ layers: 10, stored: [10, 5, 5] });
    expect(a.stored).toEqual([5, 10]);
    expect(a.fwd).toBe(20);
    expect(simulateRemat({ layers: 10, stored: [3, 6, 9] }).fwd).toBe(simulateRemat({ layers: 10, every: 3 }).fwd);
    // Nothing stored but the inputs: layer i needs i − 1 steps… plus itself: Σ i = n(n+1)/2.
    expect(simulateRemat({ layers: 10, stored: [] })).toMatchObject({ fwd: 55, loadmem: 10, peakActivations: 2 });
    // Omitting both stores only the last layer (every = layers).
    expect(simulateRemat({ layers: 10 }).stored).toEqual([10]);
  });

  it('cache-segments: each segment is recomputed once, every kept activation is read back (one loadmem a layer)', () => {
    // every 5: a9 recomputed from a5 (4 fwd, a6…a8 kept), a4 from a0 (4 fwd). loadmem: a10; a5 (base), a9 used as
    // computed, a8, a7, a6 read back; a5; a0 (base), a4 as computed, a3, a2, a1 read back — 10, and 8·20 + 10·10 ns.
    expect(simulateRemat({ layers: 10, every: 5, mode: 'cache-segments' })).toMatchObject({ fwd: 8, loadmem: 10, timeNs: 260, peakActivations: 5 });
    // every 10: a1…a9 recomputed once from a0 and all kept: 9 fwd, 10 loadmem (a10, a0, a8…a1), 9 temporaries at the peak.
    expect(simulateRemat({ layers: 10, every: 10, mode: 'cache-segments' })).toMatchObject({ fwd: 9, loadmem: 10, peakActivations: 9 });
    // The homework's rule in every case: one loadmem per layer, fwd = ⌊n/k⌋(k−1) + (n mod k).
    for (let n = 1; n <= 30; n++) {
      for (let k = 1; k <= n; k++) {
        const r = simulateRemat({ layers: n, every: k, mode: 'cache-segments' });
        expect([r.fwd, r.loadmem, r.timeNs], `n ${n} k ${k}`).toEqual([Math.floor(n / k) * (k - 1) + (n % k), n, 20 * r.fwd + 10 * n]);
      }
    }
    // every 1: nothing to recompute, the modes agree.
    expect(simulateRemat({ layers: 10, every: 1, mode: 'cache-segments' })).toMatchObject({ fwd: 0, loadmem: 10, peakActivations: 10 });
  });

  it('peak activations in recompute mode', () => {
    // All stored: the forward pass ends holding all 10. Only a10: a rolling recomputation holds ≤ 2.
    expect(simulateRemat({ layers: 10, every: 1 }).peakActivations).toBe(10);
    expect(simulateRemat({ layers: 10, every: 10 }).peakActivations).toBe(2);
    expect(simulateRemat({ layers: 1, every: 1 })).toMatchObject({ fwd: 0, loadmem: 1, peakActivations: 1 });
    expect(simulateRemat({ layers: 1, stored: [] })).toMatchObject({ fwd: 1, loadmem: 1, peakActivations: 1 });
  });
});

describe('randomized against the TS reference', () => {
  it('500 random chains (n ≤ 60, random stored sets, both modes): fwd, loadmem, peak, time', () => {
    const rand = testRandom(2718);
    const before = memoryUsage().liveBytes;
    for (let trial = 0; trial < 500; trial++) {
      const layers = 1 + Math.floor(rand() * 60);
      const density = rand();
      const flags = Array.from({ length: layers }, () => (rand() < density ? 1 : 0));
      const stored = flags.flatMap((f, i) => (f ? [i + 1] : []));
      const fwdNs = Math.floor(rand() * 50);
      const loadmemNs = Math.floor(rand() * 50);
      for (const [mode, code] of [['recompute', 0], ['cache-segments', 1]] as const) {
        const r = simulateRemat({ layers, stored, mode, fwdNs, loadmemNs });
        const e = ref.rematSimulate(flags, code);
        const label = `n=${layers} stored=[${stored}] ${mode}`;
        expect({ fwd: r.fwd, loadmem: r.loadmem, peak: r.peakActivations }, label).toEqual(e);
        expect(r.timeNs, label).toBe(e.fwd * fwdNs + e.loadmem * loadmemNs);
        expect(r.breakEvenLoaddiskNs, label).toBe(r.timeNs / layers);
        expect(r.stored).toEqual(stored);
      }
    }
    expect(memoryUsage().liveBytes).toBe(before);
  });

  it('a long chain (n = 10 007, every 97th) matches the reference', () => {
    const layers = 10_007;
    const flags = Array.from({ length: layers }, (_, i) => ((i + 1) % 97 === 0 ? 1 : 0));
    for (const [mode, code] of [['recompute', 0], ['cache-segments', 1]] as const) {
      const r = simulateRemat({ layers, every: 97, mode });
      expect({ fwd: r.fwd, loadmem: r.loadmem, peak: r.peakActivations }).toEqual(ref.rematSimulate(flags, code));
    }
  });
});

describe('bad remat options', () => {
  it.each([
    [{ layers: 0 }, 'layers', '0'],
    [{ layers: 2 ** 24 + 1 }, 'layers', String(2 ** 24 + 1)],
    [{ layers: 10, every: 11 }, 'every', '11'],
    [{ layers: 10, every: 0 }, 'every', '0'],
    [{ layers: 10, stored: [0] }, 'stored[0]', '0'],
    [{ layers: 10, stored: [3, 11] }, 'stored[1]', '11'],
    [{ layers: 10, stored: [2.5] }, 'stored[0]', '2.5'],
    [{ layers: 10, every: 2, stored: [2] }, 'stored', 'array(1)'],
    [{ layers: 10, stored: 5 }, 'stored', '5'],
    [{ layers: 10, mode: 'fast' }, 'mode', '"fast"'],
    [{ layers: 10, fwdNs: -1 }, 'fwdNs', '-1'],
    [{ layers: 10, loadmemNs: NaN }, 'loadmemNs', 'NaN'],
    [{ layers: 10, loaddiskNs: Infinity }, 'loaddiskNs', 'Infinity'],
  ])('%j → InvalidArgumentError on %s', (options, param, shown) => {
    const before = memoryUsage().liveBytes;
    let error: unknown;
    try {
      simulateRemat(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const err = error as InvalidArgumentError;
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.param).toBe(param);
    expect(err.message).toContain(param);
    expect(err.message).toContain(`got ${shown}`);
    expect(memoryUsage().liveBytes).toBe(before);
    expect(simulateRemat({ layers: 10, every: 5 }).fwd).toBe(20);
  });
});
