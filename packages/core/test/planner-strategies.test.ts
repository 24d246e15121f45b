// The fixed strategies' traces: the homework's every-k (with and without caching) against the homework simulator and
// its closed form, PyTorch's checkpoint_sequential split, Chen's √n, everything on disk and the break-even solver.
import { describe, expect, it } from 'vitest';
import {
  breakEvenLoadDisk,
  checkpointSequentialTrace,
  chenTrace,
  diskAllTrace,
  everyKTrace,
  makeChain,
  planTrace,
  rematClosedForm,
  sequentialRecomputed,
  sequentialSegments,
  simulateRemat,
  simulateTrace,
  STRATEGIES,
  strategyLabel,
  type StrategySpec,
} from '@hw3/core';

describe('every k-th (the homework)', () => {
  it('n = 10, k = 5: 20 recomputed steps, 10 loadmem, 500 ns, break-even loaddisk 50 ns', () => {
    const chain = makeChain({ layers: 10, fwdCost: 20, loadMemCost: 10 });
    const stats = simulateTrace(everyKTrace(chain, 5), chain);
    expect(stats.recompute).toBe(20);
    expect(stats.loadMem).toBe(10);
    expect(stats.overhead).toBe(500);
    expect(breakEvenLoadDisk(everyKTrace(chain, 5), chain).loadDiskCost).toBe(50);
  });

  it('matches simulateRemat (fwd, loadmem, peak) and the closed form for n ≤ 30, every k, both modes', () => {
    for (let n = 1; n <= 30; n++) {
      const chain = makeChain({ layers: n });
      for (let k = 1; k <= n; k++) {
        for (const cache of [false, true]) {
          const stats = simulateTrace(everyKTrace(chain, k, cache), chain);
          const homework = simulateRemat({ layers: n, every: k, mode: cache ? 'cache-segments' : 'recompute' });
          expect([stats.recompute, stats.loadMem, stats.peakMemory], `n ${n} k ${k} cache ${cache}`).toEqual([
            homework.fwd,
            homework.loadmem,
            homework.peakActivations,
          ]);
          if (!cache) expect(stats.recompute).toBe(rematClosedForm(n, k).fwd);
          expect(stats.forward - stats.recompute).toBe(n);
        }
      }
    }
  });
});

describe('checkpoint_sequential, counted as PyTorch runs it', () => {
  it('splits 9 modules into 5 segments as [1, 1, 1, 1, 5] and re-runs the 4 checkpointed layers', () => {
    expect(sequentialSegments(9, 5)).toEqual([1, 1, 1, 1, 5]);
    expect(sequentialSegments(10, 3)).toEqual([3, 3, 4]);
    const chain = makeChain({ layers: 9 });
    const stats = simulateTrace(checkpointSequentialTrace(chain, 5), chain);
    expect(stats.recompute).toBe(4);
    expect(stats.peakMemory).toBe(9);
  });

  it('re-runs every layer of each checkpointed segment: ⌊n/s⌋·(s − 1); one load-mem per layer but a_n', () => {
    const chain = makeChain({ layers: 10 });
    const stats = simulateTrace(checkpointSequentialTrace(chain, 3), chain);
    expect(stats.recompute).toBe(3 + 3);
    // segment bases a_3, a_0 read to start each re-run; every kept activation read back; a_10, a_6, a_3 used as computed
    expect(stats.loadMem).toBe(9);
    for (let n = 1; n <= 25; n++) {
      const c = makeChain({ layers: n });
      for (let s = 1; s <= n; s++) {
        const st = simulateTrace(checkpointSequentialTrace(c, s), c);
        expect(st.recompute, `n ${n} s ${s}`).toBe(Math.floor(n / s) * (s - 1));
        expect(sequentialRecomputed(n, s)).toBe(st.recompute);
      }
    }
  });
});

describe('Chen √n, disk, break-even', () => {
  it('Chen recomputes less than one extra forward pass', () => {
    for (const n of [16, 100, 1000]) {
      const chain = makeChain({ layers: n });
      const stats = simulateTrace(chenTrace(chain), chain);
      const k = Math.ceil(Math.sqrt(n));
      // each full segment recomputes its k − 1 unstored layers once; the top partial one (a_n not stored) all n mod k
      expect(stats.recompute).toBe(Math.floor(n / k) * (k - 1) + (n % k));
      expect(stats.recompute).toBeLessThan(n);
    }
  });

  it('everything on disk reads each activation once and recomputes nothing', () => {
    const chain = makeChain({ layers: 10, loadDiskCost: 50, storeDiskCost: 3 });
    const stats = simulateTrace(diskAllTrace(chain), chain);
    expect([stats.loadDisk, stats.storeDisk, stats.recompute, stats.peakDisk]).toEqual([10, 10, 0, 10]);
    expect(stats.overhead).toBe(10 * 50 + 10 * 3);
  });

  it('break-even: disk ties with the strategy at the solved loaddisk cost', () => {
    const chain = makeChain({ layers: 12, fwdCost: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8], sizes: [1, 2, 1, 3, 1, 1, 2, 1, 1, 2, 1, 1], storeDiskCost: 2 });
    const trace = everyKTrace(chain, 4, true);
    const { loadDiskCost } = breakEvenLoadDisk(trace, chain);
    expect(loadDiskCost).not.toBeNull();
    const at = { ...chain, loadDiskCost: loadDiskCost! };
    expect(simulateTrace(diskAllTrace(at), at).overhead).toBeCloseTo(simulateTrace(trace, at).overhead, 9);
    expect(breakEvenLoadDisk(diskAllTrace(chain), chain).loadDiskCost).toBeNull();
  });

  it('every listed strategy plans a valid trace', () => {
    const chain = makeChain({ layers: 9 });
    const specs: StrategySpec[] = [
      { strategy: 'every-k', every: 3 },
      { strategy: 'every-k-cached', every: 3 },
      { strategy: 'checkpoint-sequential', segments: 5 },
      { strategy: 'chen' },
      { strategy: 'revolve', slots: 2 },
      { strategy: 'optimal', budget: 4 },
      { strategy: 'two-level', budget: 3 },
      { strategy: 'disk-all' },
    ];
    expect(specs.map((s) => s.strategy)).toEqual(STRATEGIES.map((s) => s.id));
    for (const spec of specs) {
      expect(simulateTrace(planTrace(chain, spec), chain).backward, strategyLabel(spec, chain)).toBe(9);
    }
  });
});
