// Property tests over the formula grammar (issue 16 item 7): random expression trees, hostile shapes included (long
// product chains, deep nesting, huge constants, unknown names, junk) — every one evaluates or is a FormulaError, fast.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileClaimFormula, FormulaError, parseFormula } from '@hw3/core';
import { createFuzzStats, printFuzzStats, timed } from './fuzz-stats.js';

const stats = createFuzzStats();
afterAll(() => printFuzzStats('fuzz-formulas', stats));

const leaf = fc.oneof(
  fc.constantFrom('x', 'x', 'pi', 'e', '0', '1', '2', '0.5', '1e308', '1e-308', '1e999', 'y', 'd1', '__proto__', 'constructor'),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((v) => `(${v})`),
);
const FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sinh', 'cosh', 'atan', 'sqr', 'eval', 'import', 'max', 'mod'];
const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^', ' mod ', '==', '.', ''), tie('expr')).map(([a, op, b]) => `${a}${op}${b}`),
    fc.tuple(fc.constantFrom(...FUNCTIONS), tie('expr')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `log(${a}, ${b})`),
    tie('expr').map((a) => `(${a})`),
    tie('expr').map((a) => `-${a}`),
  ),
}));
const hostile = fc.oneof(
  fc.integer({ min: 2, max: 120 }).map((n) => Array(n).fill('x').join('*')),
  fc.tuple(fc.constantFrom(...FUNCTIONS.slice(0, 11)), fc.integer({ min: 1, max: 90 })).map(([f, n]) => `${`${f}(`.repeat(n)}x${')'.repeat(n)}`),
  fc.integer({ min: 1, max: 240 }).map((n) => `${'('.repeat(n)}x${')'.repeat(n)}`),
  fc.integer({ min: 1, max: 100 }).map((n) => Array(n).fill('x').join('^')),
  fc.integer({ min: 2, max: 60 }).map((n) => Array(n).fill('exp(x)').join('*')),
  fc.string({ maxLength: 600 }),
);
const formulas = fc.oneof(expr, hostile);
const POINTS = [-1.5, 0, 0.3, 2, 40];

describe('cost formulas (parseFormula)', () => {
  it('every formula parses and evaluates (to any number, NaN included) or is a FormulaError, within 1 s', () => {
    fc.assert(
      fc.property(formulas, (text) => {
        stats.generated++;
        const r = timed(stats, () => {
          const f = parseFormula(text);
          for (const x of POINTS) {
            expect(typeof f.h(x)).toBe('number');
            expect(typeof f.dh(x)).toBe('number');
          }
          return f;
        });
        if (r.error !== undefined) {
          expect(r.error, String(r.error)).toBeInstanceOf(FormulaError);
          expect((r.error as FormulaError).param).toBe('formula');
        }
        expect(r.ms).toBeLessThan(1000);
      }),
      { numRuns: 1500, seed: 16 },
    );
  });
});

describe('claimed formulas (compileClaimFormula)', () => {
  it('every formula compiles and evaluates or is a FormulaError, within 1 s', () => {
    fc.assert(
      fc.property(formulas, (text) => {
        stats.generated++;
        const claim = text.replaceAll('x', 'd1');
        const r = timed(stats, () => compileClaimFormula(claim, ['d1', 'd2']).evaluate({ d1: 3, d2: 5 }));
        if (r.error !== undefined) expect(r.error, String(r.error)).toBeInstanceOf(FormulaError);
        else expect(typeof r.value).toBe('number');
        expect(r.ms).toBeLessThan(1000);
      }),
      { numRuns: 1000, seed: 16 },
    );
  });
});
