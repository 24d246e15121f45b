// Revolve against Griewank–Walther's closed form t(l, c) = r·l − β(c + 1, r − 1) and its recursion; the trace the
// planner emits must make exactly t(n + 1, c + 1) forward steps (backward step i needs a_i, the inputs are free).
import { describe, expect, it } from 'vitest';
import {
  beta,
  makeChain,
  revolveForwardSteps,
  revolveForwardStepsByRecursion,
  revolveSplit,
  revolveSteps,
  revolveTrace,
  simulateTrace,
} from '@hw3/core';

describe('t(l, c) closed form', () => {
  it('gives the issue’s values', () => {
    expect(revolveForwardSteps(10, 3)).toBe(15);
    expect(revolveForwardSteps(10, 2)).toBe(20);
    expect(beta(3, 2)).toBe(10);
  });

  it('is l(l − 1)/2 with one checkpoint and l − 1 with enough', () => {
    for (let l = 1; l <= 50; l++) {
      expect(revolveForwardSteps(l, 1)).toBe((l * (l - 1)) / 2);
      expect(revolveForwardSteps(l, l)).toBe(l - 1);
    }
  });

  it('equals the recursion min_j [j + t(l − j, c − 1) + t(j, c)] for l ≤ 80, c ≤ 8', () => {
    for (let c = 1; c <= 8; c++) {
      for (let l = 1; l <= 80; l++) expect(revolveForwardSteps(l, c), `t(${l}, ${c})`).toBe(revolveForwardStepsByRecursion(l, c));
    }
  });

  it('splits at an optimal first checkpoint', () => {
    for (let c = 2; c <= 6; c++) {
      for (let l = 2; l <= 60; l++) {
        const m = revolveSplit(l, c);
        expect(m).toBeGreaterThanOrEqual(1);
        expect(m).toBeLessThan(l);
        expect(m + revolveForwardSteps(l - m, c - 1) + revolveForwardSteps(m, c), `l ${l} c ${c}`).toBe(revolveForwardSteps(l, c));
      }
    }
  });
});

describe('revolve trace', () => {
  it('reaches t(n + 1, c + 1) exactly and is valid (n ≤ 60, every c)', () => {
    for (let n = 1; n <= 60; n++) {
      const chain = makeChain({ layers: n });
      for (let c = 0; c <= n; c++) {
        const stats = simulateTrace(revolveTrace(chain, c), chain);
        expect(stats.forward, `n ${n} c ${c}`).toBe(revolveForwardSteps(n + 1, c + 1));
        expect(stats.backward).toBe(n);
        expect(stats.storeMem).toBeLessThanOrEqual(n);
      }
    }
  });

  it('t(10, 3) = 15 and t(10, 2) = 20 are the 9-layer chain with 2 and 1 slots', () => {
    const chain = makeChain({ layers: 9 });
    expect(simulateTrace(revolveTrace(chain, 2), chain).forward).toBe(15);
    expect(simulateTrace(revolveTrace(chain, 1), chain).forward).toBe(20);
  });

  it('holds at most c checkpoints (peak ≤ c + 2 activations)', () => {
    for (const [n, c] of [[1000, 1], [1000, 2], [1000, 5], [1000, 50], [5000, 100]] as const) {
      const chain = makeChain({ layers: n });
      const stats = simulateTrace(revolveTrace(chain, c), chain, { budget: c + 2 });
      expect(stats.forward).toBe(revolveSteps(n, c));
    }
  });
});
