// The dynamic programs (memory only, and memory + disk) against exhaustive search over every trace of small seeded
// random chains (uneven costs and sizes): equal optima within the persistent class they optimise over, a trace that
// simulates to exactly that cost within the budget, and never worse than revolve on uniform chains.
import { describe, expect, it } from 'vitest';
import {
  bruteForceOptimum,
  bruteForceSchedule,
  createRng,
  encodeTrace,
  makeChain,
  minimumBudget,
  optimalSchedule,
  revolveTrace,
  simulateTrace,
  type Chain,
} from '@hw3/core';

function randomChain(seed: number, maxLayers: number): { chain: Chain; budget: number } {
  const rng = createRng(seed);
  const between = (a: number, b: number) => a + rng.int(b - a + 1);
  const n = between(1, maxLayers);
  const uniform = rng.uniform() < 0.3;
  const chain = makeChain({
    layers: n,
    sizes: Array.from({ length: n }, () => (uniform ? 1 : between(1, 3))),
    fwdCost: Array.from({ length: n }, () => (uniform ? 1 : between(0, 5))),
    inputSize: between(1, 2),
    loadMemCost: between(0, 2),
    loadDiskCost: between(0, 6),
    storeDiskCost: between(0, 3),
  });
  return { chain, budget: minimumBudget(chain) + between(0, 4) };
}

const cost = (chain: Chain, trace: Parameters<typeof simulateTrace>[0], budget: number) => {
  const s = simulateTrace(trace, chain, { budget });
  return s.time - s.timeBackward;
};

describe('optimal schedules = exhaustive search (n ≤ 9 memory, n ≤ 6 disk)', () => {
  for (const disk of [false, true]) {
    it(`${disk ? 'memory + disk' : 'memory only'}: 150 seeded random chains`, () => {
      for (let seed = 1; seed <= 150; seed++) {
        const { chain, budget } = randomChain(seed + (disk ? 1000 : 0), disk ? 6 : 9);
        const dp = optimalSchedule(chain, { budget, disk });
        const best = bruteForceOptimum(chain, { budget, disk });
        expect(dp.cost, `seed ${seed}`).toBeCloseTo(best, 9);
        expect(cost(chain, dp.trace, budget), `seed ${seed} (simulated)`).toBeCloseTo(dp.cost, 9);
      }
    });
  }

  it('12 uniform layers: DP = exhaustive search, from the least budget to enough for everything', () => {
    const chain = makeChain({ layers: 12, fwdCost: 1, loadMemCost: 0 });
    for (const budget of [2, 3, 4, 6, 12]) {
      expect(optimalSchedule(chain, { budget }).cost, `budget ${budget}`).toBe(bruteForceOptimum(chain, { budget }));
    }
  });

  it('the search’s own trace is valid and costs what it claims; freeing early can only help', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { chain, budget } = randomChain(seed + 5000, 6);
      for (const disk of [false, true]) {
        const any = bruteForceSchedule(chain, { budget, disk, persistent: false });
        expect(cost(chain, encodeTrace(any.ops), budget)).toBeCloseTo(any.cost, 9);
        expect(any.cost).toBeLessThanOrEqual(bruteForceOptimum(chain, { budget, disk }) + 1e-9);
      }
    }
  });

  it('documents the DP’s class: on this uneven chain freeing a checkpoint early saves 3 of 54', () => {
    const chain = makeChain({ layers: 8, sizes: [1, 2, 3, 3, 2, 2, 3, 3], fwdCost: [3, 4, 3, 5, 3, 2, 4, 0], loadMemCost: 0, inputSize: 1 });
    expect(optimalSchedule(chain, { budget: 7 }).cost).toBe(54);
    expect(bruteForceOptimum(chain, { budget: 7 })).toBe(54);
    const any = bruteForceSchedule(chain, { budget: 7, persistent: false });
    expect(any.cost).toBe(51);
    expect(any.ops.some((o, k) => o.op === 'freeMem' && !any.ops.slice(0, k).some((p) => p.op === 'backward' && p.arg === o.arg))).toBe(true);
  });

  it('on uniform chains the DP within revolve’s peak memory needs no more forward steps than revolve', () => {
    for (let n = 1; n <= 40; n++) {
      const chain = makeChain({ layers: n, fwdCost: 1, loadMemCost: 0 });
      for (let c = 0; c <= 6; c++) {
        const rev = simulateTrace(revolveTrace(chain, c), chain);
        expect(optimalSchedule(chain, { budget: rev.peakMemory }).cost, `n ${n} c ${c}`).toBeLessThanOrEqual(rev.forward);
      }
    }
  });

  it('a disk cheaper than recomputation is used; a dear one is not', () => {
    const cheap = makeChain({ layers: 8, fwdCost: 100, loadMemCost: 0, loadDiskCost: 1, storeDiskCost: 0 });
    const dear = makeChain({ layers: 8, fwdCost: 1, loadMemCost: 0, loadDiskCost: 1000, storeDiskCost: 1000 });
    expect(simulateTrace(optimalSchedule(cheap, { budget: 2, disk: true }).trace, cheap).recompute).toBe(0);
    expect(simulateTrace(optimalSchedule(dear, { budget: 2, disk: true }).trace, dear).loadDisk).toBe(0);
  });
});
