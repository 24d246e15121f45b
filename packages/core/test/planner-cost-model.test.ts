// One cost model for every remat strategy: the simulator's load-mem count equals the reads of stored activations in
// each strategy's trace (counted here by walking the ops), the DPs stay optimal under it in both memory models, and in
// Griewank's model (c checkpoints plus one working state) revolve's t(n + 1, c + 1) is the least any schedule needs.
import { describe, expect, it } from 'vitest';
import {
  bruteForceOptimum,
  compareWithRevolve,
  decodeTrace,
  getExperiment,
  makeChain,
  minimumBudget,
  optimalSchedule,
  planTrace,
  revolveForwardSteps,
  revolveTrace,
  simulateTrace,
  STRATEGIES,
  strategyLabel,
  type Chain,
  type MemoryModel,
  type StrategySpec,
  type Trace,
} from '@hw3/core';
import { testRandom } from './spine-helpers.js';

/** Reads of activations held in memory, by walking the ops: a load from memory is one; a backward step on anything
 * but the working activation (the one just computed or loaded) reads its checkpoint, one more. */
function countReads(trace: Trace, chain: Chain): { reads: number; cost: number } {
  let cur = 0;
  const mem = new Set<number>();
  let reads = 0;
  let cost = 0;
  const read = (i: number) => {
    reads++;
    cost += chain.loadMemCost * chain.sizes[i]!;
  };
  for (const { op, arg } of decodeTrace(trace)) {
    if (op === 'advance') cur += arg;
    else if (op === 'storeMem') mem.add(arg);
    else if (op === 'freeMem') mem.delete(arg);
    else if (op === 'loadDisk') cur = arg;
    else if (op === 'loadMem') {
      expect(arg === 0 || mem.has(arg), `load-mem a_${arg} is in memory`).toBe(true);
      read(arg);
      cur = arg;
    } else if (op === 'backward') {
      if (arg === cur) cur = -1;
      else {
        expect(mem.has(arg), `backward ${arg} finds a_${arg} in memory`).toBe(true);
        read(arg);
      }
    }
  }
  return { reads, cost };
}

function randomChain(rand: () => number, memoryModel: MemoryModel): { chain: Chain; budget: number } {
  const n = 1 + Math.floor(rand() * 24);
  const uneven = rand() < 0.6;
  const chain = makeChain({
    layers: n,
    sizes: Array.from({ length: n }, () => (uneven ? 1 + Math.floor(rand() * 3) : 1)),
    fwdCost: Array.from({ length: n }, () => (uneven ? Math.floor(rand() * 30) : 20)),
    loadMemCost: Math.floor(rand() * 15),
    loadDiskCost: Math.floor(rand() * 60),
    storeDiskCost: Math.floor(rand() * 5),
    memoryModel,
  });
  return { chain, budget: minimumBudget(chain) + Math.floor(rand() * 6) };
}

describe('every strategy: simulated load-mem = reads of stored activations in its trace', () => {
  for (const memoryModel of ['lab', 'griewank'] as const) {
    it(`${memoryModel} memory model: 120 random chains × every strategy`, () => {
      const rand = testRandom(memoryModel === 'lab' ? 4242 : 2424);
      for (let trial = 0; trial < 120; trial++) {
        const { chain, budget } = randomChain(rand, memoryModel);
        const n = chain.n;
        const specs: StrategySpec[] = [
          { strategy: 'every-k', every: 1 + Math.floor(rand() * n) },
          { strategy: 'every-k-cached', every: 1 + Math.floor(rand() * n) },
          { strategy: 'checkpoint-sequential', segments: 1 + Math.floor(rand() * n) },
          { strategy: 'chen' },
          { strategy: 'revolve', slots: Math.floor(rand() * 5) },
          { strategy: 'optimal', budget },
          { strategy: 'two-level', budget },
          { strategy: 'disk-all' },
        ];
        expect(specs.map((s) => s.strategy)).toEqual(STRATEGIES.map((s) => s.id));
        for (const spec of specs) {
          const trace = planTrace(chain, spec);
          const stats = simulateTrace(trace, chain);
          const { reads, cost } = countReads(trace, chain);
          const label = `trial ${trial} ${strategyLabel(spec, chain)} n ${n}`;
          expect(stats.loadMem, label).toBe(reads);
          expect(stats.timeLoadMem, label).toBeCloseTo(cost, 9);
        }
      }
    });
  }

  it('near n for every strategy on 99 uniform layers (the issue’s chain, budget 6)', () => {
    const chain = makeChain({ layers: 99 });
    for (const spec of [
      { strategy: 'every-k', every: 5 },
      { strategy: 'every-k-cached', every: 5 },
      { strategy: 'checkpoint-sequential', segments: 5 },
      { strategy: 'chen' },
      { strategy: 'revolve', slots: 4 },
      { strategy: 'optimal', budget: 6 },
    ] as StrategySpec[]) {
      expect(simulateTrace(planTrace(chain, spec), chain).loadMem, strategyLabel(spec, chain)).toBeGreaterThanOrEqual(98);
    }
  });
});

describe('Griewank’s memory model', () => {
  it('revolve with c slots peaks at c + 1 units and makes t(n + 1, c + 1) steps, the DP’s least (n ≤ 30, c ≤ 5)', () => {
    for (let n = 1; n <= 30; n++) {
      const chain = makeChain({ layers: n, fwdCost: 1, loadMemCost: 0, memoryModel: 'griewank' });
      for (let c = 0; c <= 5; c++) {
        const stats = simulateTrace(revolveTrace(chain, c), chain);
        const slots = Math.min(c, n);
        expect(stats.peakMemory, `n ${n} c ${c}`).toBeLessThanOrEqual(slots + 1);
        expect(stats.forward).toBe(revolveForwardSteps(n + 1, slots + 1));
        expect(optimalSchedule(chain, { budget: slots + 1 }).cost, `n ${n} c ${c}: the DP cannot beat revolve`).toBe(stats.forward);
      }
    }
  });

  it('DPs = exhaustive search under Griewank’s model (100 random chains each, memory and memory + disk)', () => {
    const rand = testRandom(77);
    for (const disk of [false, true]) {
      for (let trial = 0; trial < 100; trial++) {
        const n = 1 + Math.floor(rand() * (disk ? 6 : 9));
        const chain = makeChain({
          layers: n,
          sizes: Array.from({ length: n }, () => 1 + Math.floor(rand() * 3)),
          fwdCost: Array.from({ length: n }, () => Math.floor(rand() * 6)),
          loadMemCost: Math.floor(rand() * 3),
          loadDiskCost: Math.floor(rand() * 7),
          storeDiskCost: Math.floor(rand() * 4),
          memoryModel: 'griewank',
        });
        const budget = minimumBudget(chain) + Math.floor(rand() * 5);
        const dp = optimalSchedule(chain, { budget, disk });
        expect(dp.cost, `trial ${trial} disk ${disk}`).toBeCloseTo(bruteForceOptimum(chain, { budget, disk }), 9);
        const sim = simulateTrace(dp.trace, chain, { budget });
        expect(sim.time - sim.timeBackward).toBeCloseTo(dp.cost, 9);
      }
    }
  });

  it('the lab’s model lets the DP beat revolve at the same budget; Griewank’s does not (99 layers, budget 6)', () => {
    const { rows } = compareWithRevolve(99, 6);
    expect(rows).toEqual([
      { model: 'lab', budget: 6, slots: 4, revolveSteps: 316, dpSteps: 288 },
      { model: 'griewank', budget: 6, slots: 5, revolveSteps: 280, dpSteps: 280 },
    ]);
    // The planner's explanation quotes these numbers.
    const text = getExperiment('remat-planner').explanation;
    for (const quoted of ['t(100, 5) = 316', 'reads free, 288', 't(100, 6) = 280']) expect(text).toContain(quoted);
  });
});
