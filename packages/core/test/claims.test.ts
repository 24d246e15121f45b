// The claim checker: the homework's two wrong answers are refuted and the right ones are consistent; close-but-wrong
// formulas are caught; true formulas are not refuted (and their z-scores look standard normal, so the standard
// errors are honest); exact questions compare exactly; rejected formulas are typed errors naming the problem.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CancelledError,
  checkClaim,
  claimQuestions,
  compileClaimFormula,
  FormulaError,
  getClaimQuestion,
  InvalidArgumentError,
  registerClaimQuestion,
  type ClaimResult,
} from '@hw3/core';

const verdict = async (question: string, formula: string, seed = 1) => (await checkClaim({ question, formula, seed })).verdict;

describe('the issue’s four verdicts', () => {
  it('1b "d1" (the dropped square) is refuted; 1b "d1*(1-2/pi+2*d1/pi)" is consistent', async () => {
    expect(await verdict('1b', 'd1')).toBe('refuted');
    expect(await verdict('1b', 'd1*(1-2/pi+2*d1/pi)')).toBe('consistent');
  });

  it('4b "8" (the forgotten checkpoint loads) is refuted; 4b "n" is consistent', async () => {
    expect(await verdict('4b', '8')).toBe('refuted');
    expect(await verdict('4b', 'n')).toBe('consistent');
  });
});

describe('statistical questions (1a–1c)', () => {
  it.each([
    ['1a', 'd1'],
    ['1b', 'd1*(1 - 2/pi) + 2*d1^2/pi'],
    ['1b', 'd1 + 2*d1*(d1-1)/pi'],
    ['1c', 'd1*(1-2/pi+2*d1/pi)'],
  ])('%s "%s" (true) is consistent for seeds 1–3', async (q, f) => {
    for (const seed of [1, 2, 3]) expect(await verdict(q, f, seed), `seed ${seed}`).toBe('consistent');
  });

  it.each([
    ['1a', 'd1+1', 'off by one'],
    ['1a', 'd1*d2^0.02', 'a faint d₂ dependence'],
    ['1a', 'd2', 'fan-out instead of fan-in'],
    ['1b', '2*d1^2/pi', 'the linear term dropped'],
    ['1b', 'd1^2', 'd₁² without the constants'],
    ['1b', '2*d1^2/pi + d1', 'linear term d₁ instead of d₁(1 − 2/π)'],
    ['1c', 'd1*(1-2/pi+2*d1/pi)*d2^0.01', 'a faint d₂ dependence'],
  ])('%s "%s" (%s) is refuted', async (q, f) => {
    expect(await verdict(q, f)).toBe('refuted');
  });

  it('the z-scores of true formulas look standard normal: mean z² ≈ 1 (standard errors neither inflated nor deflated)', async () => {
    const zs: number[] = [];
    for (const [q, f] of [['1a', 'd1'], ['1b', 'd1*(1-2/pi+2*d1/pi)'], ['1c', 'd1*(1-2/pi+2*d1/pi)']] as const) {
      for (const seed of [1, 2]) zs.push(...(await checkClaim({ question: q, formula: f, seed })).evidence.map((e) => e.z!));
    }
    const meanZ2 = zs.reduce((s, z) => s + z * z, 0) / zs.length;
    // z² of a standard normal has variance 2, so the mean of n has standard error √(2/n); allow 5 of them.
    expect(Math.abs(meanZ2 - 1)).toBeLessThan(5 * Math.sqrt(2 / zs.length));
  });

  it('evidence has the promised fields; the threshold is the Šidák one for the grid', async () => {
    const r = await checkClaim({ question: '1b', formula: 'd1', seed: 1 });
    expect(r).toMatchObject({ question: '1b', claim: 'd1', verdict: 'refuted', kind: 'statistical', status: 'complete' });
    expect(r.threshold.familyAlpha).toBe(0.001);
    expect(1 - (1 - r.threshold.perPointAlpha!) ** r.evidence.length).toBeCloseTo(0.001, 10);
    for (const e of r.evidence) {
      expect(Object.keys(e.point).sort()).toEqual(['d1', 'd2']);
      expect(e.stderr).toBeGreaterThan(0);
      expect(e.z).toBeCloseTo((e.measured - e.claimed!) / e.stderr, 10);
      expect(e.threshold).toBeGreaterThan(3.5);
      expect(e.agrees).toBe(Math.abs(e.z!) <= e.threshold);
    }
    expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
  });

  it('the same seed gives the same evidence for every formula (measurements are shared)', async () => {
    const a = await checkClaim({ question: '1a', formula: 'd1', seed: 9 });
    const b = await checkClaim({ question: '1a', formula: 'd1 + 0', seed: 9 });
    expect(b.evidence.map((e) => e.measured)).toEqual(a.evidence.map((e) => e.measured));
  });
});

describe('exact questions (4a–4c)', () => {
  it.each([
    ['4a', 'n*(k-1)/2', 'consistent'],
    ['4a', '20', 'consistent'],
    ['4a', 'n*k/2', 'refuted'],
    ['4a', '(n/k)*k*(k-1)/2', 'consistent'],
    ['4b', '10', 'consistent'],
    ['4b', 'n - n/k', 'refuted'],
    ['4c', 'loadmemNs + fwdNs*(k-1)/2', 'consistent'],
    ['4c', '50', 'consistent'],
    ['4c', 'fwdNs*(k-1)/2', 'refuted'],
    ['4c', '10 + 20*(k-1)/2', 'refuted'],
  ])('%s "%s" is %s', async (q, f, expected) => {
    expect(await verdict(q, f)).toBe(expected);
  });

  it('a plain number is checked at the homework setting only, with a note saying so', async () => {
    const r = await checkClaim({ question: '4b', formula: '8' });
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence[0]).toMatchObject({ point: { n: 10, k: 5, fwdNs: 20, loadmemNs: 10 }, claimed: 8, measured: 10, agrees: false });
    expect(r.notes.join(' ')).toMatch(/homework/);
  });

  it('a formula undefined somewhere (1/(k-1) at k = 1) disagrees there with claimed null', async () => {
    const r = await checkClaim({ question: '4a', formula: 'n*(k-1)/2 + 0*1/(k-1)' });
    expect(r.verdict).toBe('refuted');
    expect(r.evidence.some((e) => e.claimed === null && !e.agrees)).toBe(true);
    expect(r.notes.join(' ')).toMatch(/not a finite number/);
  });
});

describe('rejected formulas are typed errors naming the problem', () => {
  const problem = (formula: unknown) => {
    try {
      compileClaimFormula(formula, ['d1', 'd2']);
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).param).toBe('formula');
      return (error as FormulaError).problem;
    }
    return 'accepted';
  };
  it.each([
    ['d1 +', 'syntax'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['d3', 'unknown-variable'],
    ['__proto__', 'unknown-variable'],
    ['constructor', 'unknown-variable'],
    ['toString', 'unknown-variable'],
    ['d1.constructor', 'not-allowed'],
    ['d1["x"]', 'not-allowed'],
    ['x = 3', 'not-allowed'],
    ['f(x) = x', 'not-allowed'],
    ['[1, 2]', 'not-allowed'],
    ['{a: 1}', 'not-allowed'],
    ['d1 > 2', 'not-allowed'],
    ['d1 ? 1 : 2', 'not-allowed'],
    ['d1; d2', 'not-allowed'],
    ['d1!', 'not-allowed'],
    ['"abc"', 'bad-constant'],
    ['1e999', 'bad-constant'],
    ['sqr(d1)', 'unknown-function'],
    ['evaluate("1")', 'unknown-function'],
    ['import(d1)', 'unknown-function'],
    ['5 cm', 'unknown-variable'],
    ['sqrt(d1, d2)', 'syntax'],
    ['d'.repeat(10_000), 'too-long'],
    [`${'1+'.repeat(240)}1`, 'too-complex'],
  ])('%j → %s', (formula, expected) => {
    expect(problem(formula)).toBe(expected);
  });

  it('rejects non-strings and names the nearest variable', () => {
    expect(problem(42)).toBe('syntax');
    expect(() => compileClaimFormula('D1 * 2', ['d1', 'd2'])).toThrow(/did you mean d1\?/);
  });

  it('accepts ordinary maths: implicit products, unicode π, functions, mod', () => {
    const f = compileClaimFormula('2d1 + π - pi + sqrt(d2)^2 + log(e) + mod(7, 4) + max(1, 2, 3) + abs(-1)', ['d1', 'd2']);
    expect(f.evaluate({ d1: 3, d2: 5 })).toBeCloseTo(6 + 5 + 1 + 3 + 3 + 1, 12);
    expect(f.variables).toEqual(['d1', 'd2']);
  });

  it('deeply nested parentheses within the length limit parse without overflowing the stack', () => {
    const deep = `${'('.repeat(240)}d1${')'.repeat(240)}`;
    expect(compileClaimFormula(deep, ['d1']).evaluate({ d1: 2 })).toBe(2);
  });

  it('checkClaim surfaces the same errors; unknown questions suggest the nearest', async () => {
    await expect(checkClaim({ question: '1b', formula: 'd1 +' })).rejects.toBeInstanceOf(FormulaError);
    await expect(checkClaim({ question: '1x', formula: 'd1' })).rejects.toThrow(/did you mean 1a, 1b, 1c/);
    await expect(checkClaim({ question: 'remat', formula: 'n' })).rejects.toThrow(/4a, 4b, 4c/);
    await expect(checkClaim({ question: '1b', formula: 'd1', seed: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(checkClaim({ question: '1b', formula: 'd1', alpha: 2 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('extensibility and cancellation', () => {
  beforeAll(() => {
    registerClaimQuestion({
      question: 'test-square',
      quantity: 'x squared, exactly',
      variables: [{ name: 'x', description: 'a number' }],
      kind: 'exact',
      grid: [1, 2, 3].map((x) => ({ x })),
      measure: ({ x }) => ({ measured: x! * x! }),
    });
  });

  it('a registered question is listed and checked', async () => {
    expect(claimQuestions().some((q) => q.question === 'test-square')).toBe(true);
    expect(getClaimQuestion('test-square').kind).toBe('exact');
    expect(await verdict('test-square', 'x^2')).toBe('consistent');
    expect(await verdict('test-square', '2*x')).toBe('refuted');
  });

  it('registration rejects a grid point missing a variable', () => {
    expect(() =>
      registerClaimQuestion({ question: 'bad', quantity: '', variables: [{ name: 'x', description: '' }], kind: 'exact', grid: [{}], measure: () => ({ measured: 0 }) }),
    ).toThrow(InvalidArgumentError);
  });

  it('the positional shorthand checkClaim(question, formula) works', async () => {
    expect((await checkClaim('4b', 'n')).verdict).toBe('consistent');
  });

  it('an abort after the first point rejects with a CancelledError whose partial covers the measured points', async () => {
    const controller = new AbortController();
    const error = await checkClaim({ question: '1a', formula: 'd1', seed: 77, signal: controller.signal, onProgress: () => controller.abort() }).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(CancelledError);
    const partial = (error as CancelledError<ClaimResult>).partial!;
    expect(partial.status).toBe('cancelled');
    expect(partial.evidence).toHaveLength(1);
    expect(partial.notes.join(' ')).toMatch(/cancelled after 1 of/);
  });
});
