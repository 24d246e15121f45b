// Bad input to the planner: typed errors naming the parameter and, for budgets, the minimum the chain needs.
import { describe, expect, it } from 'vitest';
import {
  bruteForceOptimum,
  checkpointSequentialTrace,
  everyKTrace,
  InvalidArgumentError,
  makeChain,
  minimumBudget,
  optimalSchedule,
  planTrace,
  revolveTrace,
  revolveSlotsForBudget,
  simulateTrace,
  type StrategySpec,
} from '@hw3/core';

const expectInvalid = (run: () => unknown, param: string, message: RegExp) => {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).param).toBe(param);
  expect((error as Error).message).toMatch(message);
};

describe('chains', () => {
  it('rejects n = 0, negative costs, non-integer sizes and wrong lengths', () => {
    expectInvalid(() => makeChain({ layers: 0 }), 'layers', /layers must be an integer from 1 to \d+, got 0/);
    expectInvalid(() => makeChain({ layers: 3, fwdCost: -1 }), 'fwdCost', /fwdCost must be a finite number ≥ 0, got -1/);
    expectInvalid(() => makeChain({ layers: 3, fwdCost: [1, -2, 1] }), 'fwdCost[1]', /got -2/);
    expectInvalid(() => makeChain({ layers: 3, loadDiskCost: -5 }), 'loadDiskCost', /got -5/);
    expectInvalid(() => makeChain({ layers: 3, sizes: 1.5 }), 'sizes', /integer/);
    expectInvalid(() => makeChain({ layers: 3, sizes: [1, 2] }), 'sizes', /an array of 3 numbers/);
  });
});

describe('budgets below the minimum say what the minimum is', () => {
  it('uniform chain: 2 (a step holds its input and output)', () => {
    const chain = makeChain({ layers: 10 });
    expect(minimumBudget(chain)).toBe(2);
    expect(minimumBudget(makeChain({ layers: 1 }))).toBe(1);
    expectInvalid(() => optimalSchedule(chain, { budget: 1 }), 'budget', /budget must be at least 2 memory units: the minimum this 10-layer chain needs/);
    expectInvalid(() => revolveSlotsForBudget(chain, 1), 'budget', /at least 2/);
    expectInvalid(() => bruteForceOptimum(chain, { budget: 0 }), 'budget', /at least 2/);
  });

  it('uneven chain: the largest s_{i−1} + s_i', () => {
    const chain = makeChain({ layers: 4, sizes: [1, 3, 4, 1] });
    expect(minimumBudget(chain)).toBe(7);
    expectInvalid(() => optimalSchedule(chain, { budget: 6, disk: true }), 'budget', /at least 7 memory units/);
    // and the minimum is enough
    expect(simulateTrace(optimalSchedule(chain, { budget: 7 }).trace, chain, { budget: 7 }).peakMemory).toBe(7);
  });
});

describe('strategy parameters', () => {
  const chain = makeChain({ layers: 9 });
  it('rejects bad k, segments, slots, unknown strategies and chains too large to search', () => {
    expectInvalid(() => everyKTrace(chain, 0), 'every', /got 0/);
    expectInvalid(() => checkpointSequentialTrace(chain, 10), 'segments', /at most the number of layers \(9\)/);
    expectInvalid(() => revolveTrace(chain, -1), 'slots', /an integer ≥ 0/);
    expectInvalid(() => planTrace(chain, { strategy: 'magic' } as unknown as StrategySpec), 'strategy', /one of every-k/);
    expectInvalid(() => bruteForceOptimum(makeChain({ layers: 13 }), { budget: 5 }), 'layers', /at most 12/);
    expectInvalid(() => optimalSchedule(makeChain({ layers: 500 }), { budget: 100 }), 'layers', /use revolve/);
    expectInvalid(() => revolveTrace(makeChain({ layers: 1_000_000 }), 0), 'slots', /at most 2000000000 forward steps/);
  });
});

describe('simulateTrace input', () => {
  it('rejects hand-made chains and malformed traces before touching WebAssembly memory', () => {
    const chain = makeChain({ layers: 3 });
    const trace = everyKTrace(chain, 1);
    expectInvalid(() => simulateTrace(trace, { ...chain, sizes: new Float64Array(2) }), 'chain.sizes', /n \+ 1 = 4 entries/);
    expectInvalid(() => simulateTrace(trace, { ...chain, loadMemCost: -1 }), 'chain.loadMemCost', /≥ 0/);
    expectInvalid(() => simulateTrace({ ops: new Int32Array(3), length: 2 }, chain), 'trace', /Int32Array/);
    expectInvalid(() => simulateTrace(trace, chain, { budget: -1 }), 'budget', /≥ 0/);
  });
});
