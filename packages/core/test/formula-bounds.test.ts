// Issue 16 item 1: every formula evaluates or is rejected with a typed FormulaError, quickly — hostile shapes included
// (long product chains and deep nesting used to hang in mathjs' simplify). One formula module serves claims and costs.
import { describe, expect, it } from 'vitest';
import { compileClaimFormula, createRng, estimateGradient, FormulaError, InvalidArgumentError, parseFormula, runExperiment, estimatorsGeneralExperiment } from '@hw3/core';

const product16 = Array(16).fill('x').join('*');
const nestedSin30 = `${'sin('.repeat(30)}x${')'.repeat(30)}`;

function centralDifference(h: (x: number) => number, x: number): number {
  const step = 1e-5;
  return (h(x + step) - h(x - step)) / (2 * step);
}

describe('hostile formulas end quickly (formerly a hang)', () => {
  it('x*x*…*x (16 factors): evaluates, and its derivative is 16 x^15', () => {
    const f = parseFormula(product16);
    expect(f.h(1.1)).toBeCloseTo(1.1 ** 16, 10);
    expect(f.dh(1.1) / (16 * 1.1 ** 15)).toBeCloseTo(1, 12);
  });

  it('sin(sin(…(x))) 30 deep: evaluates, and its derivative matches a central difference', () => {
    const f = parseFormula(nestedSin30);
    for (const x of [-0.7, 0.3, 1.2]) expect(Math.abs(f.dh(x) - centralDifference(f.h, x))).toBeLessThan(1e-7);
  });

  it('a formula whose derivative is too large is a FormulaError (too-complex), an InvalidArgumentError on "formula"', () => {
    const huge = `(${Array(60).fill('x').join('*')})*(${Array(60).fill('x').join('*')})`;
    let error: unknown;
    try {
      parseFormula(huge);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormulaError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as FormulaError).problem).toBe('too-complex');
    expect((error as FormulaError).param).toBe('formula');
  });

  it('the same shapes reach estimateGradient (pathwise needs h′) and the experiment', async () => {
    const r = estimateGradient({
      distribution: { kind: 'gaussian', mu: [0.1], sigma: 0.2 },
      cost: { kind: 'formula', expression: nestedSin30 },
      estimator: 'pathwise',
      samples: 2000,
      rng: createRng(3),
    });
    expect(Number.isFinite(r.mean[0]!)).toBe(true);
    const result = await runExperiment(estimatorsGeneralExperiment, { formula: product16, samples: 1000 }, { seed: 1 });
    expect(result.status).toBe('complete');
  });

  it('claims use the same module: the hostile shapes compile or are rejected, never hang', () => {
    const claim = compileClaimFormula(product16.replaceAll('x', 'd1'), ['d1']);
    expect(claim.evaluate({ d1: 2 })).toBe(2 ** 16);
    expect(compileClaimFormula(nestedSin30.replaceAll('sin', 'sqrt').replace('x', 'd1'), ['d1']).evaluate({ d1: 1 })).toBe(1);
  });
});

describe('derivative rules (bounded, no general simplifier)', () => {
  it.each([
    'x^2', 'x^x', '2^x', 'e^x + pi', 'log(x, 2)', 'abs(x - 0.3)', 'tan(x)/x', 'sqrt(1 + x^2) * tanh(x)', 'atan(x^3)', 'cosh(x)/sinh(x + 3)', '1/(1 + exp(-x))', '-x^3 + +x', '(x - pi)^3 / e',
  ])('%s: h′ agrees with a central difference', (text) => {
    const f = parseFormula(text);
    for (const x of [0.45, 1.3, 2.2]) {
      const fd = centralDifference(f.h, x);
      expect(Math.abs(f.dh(x) - fd), `${text} at ${x}: ${f.derivative}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
    }
  });

  it('prints the derivative simply: x^2 → 2 * x (no 2 * 1 * x ^ (2 - 1))', () => {
    expect(parseFormula('x^2').derivative).toBe('2 * x');
    expect(parseFormula('3*x + 1').derivative).toBe('3');
  });

  it('x^2 keeps today’s bits: h′(x) = 2·x exactly', () => {
    const f = parseFormula('x^2');
    for (const x of [0.1, 1 / 3, 7.25, -2.5e-8]) expect(f.dh(x)).toBe(2 * x);
  });
});
