// The deterministic elementary functions (src/libm): pure +, −, ×, ÷, √ and bit operations, so the browser and Node
// produce the same bits. Here they are compared with Node's Math.* (V8's own fdlibm ports for exp/sin/cos/log):
// equal for the vast majority of inputs and within a few ulp everywhere, and right on the special values.
import { describe, expect, it } from 'vitest';
import { derivative, parse } from 'mathjs';
import { atanDet, coshDet, cosDet, expDet, expm1Det, log10Det, log1pDet, log2Det, logDet, powDet, sinDet, sinhDet, tanDet, tanhDet } from '../src/libm/index.js';
import { FORMULA_FUNCTIONS, parseFormula } from '../src/formula/cost.js';

const buf = new DataView(new ArrayBuffer(8));
/** Distance in units in the last place (0 when bitwise equal, Infinity when one is NaN and the other not). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  if (Number.isNaN(a) || Number.isNaN(b) || Math.sign(a) !== Math.sign(b)) return Infinity;
  const bits = (x: number) => (buf.setFloat64(0, Math.abs(x)), buf.getBigInt64(0));
  return Number(bits(a) - bits(b) < 0n ? bits(b) - bits(a) : bits(a) - bits(b));
}

/** A fixed pseudo-random set of n inputs in [lo, hi] (an LCG: no dependence on Math.random). */
function inputs(n: number, lo: number, hi: number): number[] {
  let s = 12345;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return lo + ((hi - lo) * s) / 2 ** 32;
  });
}

/** Fraction bitwise equal to Math.* and the largest ulp difference. */
function compare(det: (x: number) => number, ref: (x: number) => number, xs: number[]) {
  let equal = 0;
  let worst = 0;
  for (const x of xs) {
    const d = ulps(det(x), ref(x));
    if (d === 0) equal++;
    worst = Math.max(worst, d);
  }
  return { equal: equal / xs.length, worst };
}

describe('deterministic libm against Node Math.*', () => {
  it.each([
    ['exp', expDet, Math.exp, -745, 709.7, 0.99, 1],
    ['exp (small)', expDet, Math.exp, -1, 1, 0.99, 1],
    ['log', logDet, Math.log, 1e-300, 1e300, 0.99, 1],
    ['log (near 1)', logDet, Math.log, 0.5, 2, 0.99, 1],
    ['sin', sinDet, Math.sin, -100, 100, 0.99, 1],
    ['cos', cosDet, Math.cos, -100, 100, 0.99, 1],
    ['sin (small)', sinDet, Math.sin, -1, 1, 0.99, 1],
    ['cos (large)', cosDet, Math.cos, -8e5, 8e5, 0.99, 1],
    ['atan', atanDet, Math.atan, -10, 10, 0.99, 1],
    // Derived ones (log/ln c, Goldberg's log1p, Kahan's expm1) promise a small ulp bound, not V8's exact bits.
    ['log2', log2Det, Math.log2, 1e-10, 1e10, 0, 2],
    ['log10', log10Det, Math.log10, 1e-10, 1e10, 0, 2],
    ['log1p', log1pDet, Math.log1p, -0.9, 1, 0, 3],
    ['expm1', expm1Det, Math.expm1, -2, 2, 0, 3],
    ['sinh', sinhDet, Math.sinh, -30, 30, 0, 4],
    ['cosh', coshDet, Math.cosh, -30, 30, 0, 4],
    ['tanh', tanhDet, Math.tanh, -5, 5, 0, 4],
    ['tan', tanDet, Math.tan, -1.5, 1.5, 0, 4],
  ] as const)('%s', (_name, det, ref, lo, hi, minEqual, maxUlp) => {
    const r = compare(det, ref, inputs(20_000, lo, hi));
    expect(r.equal).toBeGreaterThanOrEqual(minEqual);
    expect(r.worst).toBeLessThanOrEqual(maxUlp);
  });

  it('expm1 and log1p stay accurate for tiny arguments', () => {
    for (const x of [1e-20, -1e-20, 1e-10, -1e-10, 3e-5, -1e-3]) {
      expect(ulps(expm1Det(x), Math.expm1(x))).toBeLessThanOrEqual(3);
      expect(ulps(log1pDet(x), Math.log1p(x))).toBeLessThanOrEqual(3);
    }
  });

  it('pow: integer exponents by squaring, √ for ½, exp·log otherwise (≤ (1 + |y ln x|)·2⁻⁵³ relative, a few ulp)', () => {
    expect(powDet(2, 10)).toBe(1024);
    expect(powDet(3, -2)).toBe(1 / 9);
    expect(powDet(-2, 3)).toBe(-8);
    expect(powDet(7, 0.5)).toBe(Math.sqrt(7));
    const xs = inputs(5000, 1e-3, 1e3);
    const ys = inputs(5000, -3, 3).reverse();
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      const want = x ** y;
      const bound = (1 + Math.abs(y * Math.log(x))) * 2 ** -52;
      expect(Math.abs(powDet(x, y) - want) / want).toBeLessThanOrEqual(bound);
    }
  });

  it('special values', () => {
    expect(expDet(0)).toBe(1);
    expect(expDet(1)).toBe(Math.E);
    expect(expDet(-Infinity)).toBe(0);
    expect(expDet(Infinity)).toBe(Infinity);
    expect(expDet(NaN)).toBeNaN();
    expect(expDet(710)).toBe(Infinity);
    expect(expDet(-746)).toBe(0);
    expect(expDet(-740)).toBe(Math.exp(-740)); // subnormal result
    expect(expDet(1e-300)).toBe(1);
    expect(logDet(1)).toBe(0);
    expect(logDet(0)).toBe(-Infinity);
    expect(logDet(-1)).toBeNaN();
    expect(logDet(Infinity)).toBe(Infinity);
    expect(logDet(5e-324)).toBe(Math.log(5e-324));
    for (let k = -1074; k <= 1023; k += 7) expect(log2Det(2 ** k)).toBe(k);
    expect(log2Det(0)).toBe(-Infinity);
    expect(sinDet(0)).toBe(0);
    expect(Object.is(sinDet(-0), -0)).toBe(true);
    expect(cosDet(0)).toBe(1);
    expect(sinDet(Infinity)).toBeNaN();
    expect(cosDet(NaN)).toBeNaN();
    expect(sinDet(Math.PI)).toBe(Math.sin(Math.PI));
    expect(cosDet(Math.PI / 2)).toBe(Math.cos(Math.PI / 2));
    expect(powDet(0, 0)).toBe(1);
    expect(powDet(NaN, 0)).toBe(1);
    expect(powDet(0, -0.5)).toBe(Infinity);
    expect(powDet(-8, 1 / 3)).toBeNaN();
    expect(powDet(Infinity, 0.5)).toBe(Infinity);
    expect(expm1Det(0)).toBe(0);
    expect(log1pDet(-1)).toBe(-Infinity);
    expect(log1pDet(0)).toBe(0);
  });
});

describe('cost formulas evaluate with the deterministic libm', () => {
  it.each(FORMULA_FUNCTIONS.map((f) => [f]))('%s(…) and its derivative agree with mathjs within 1e-13', (f) => {
    const text = `${f}(0.7*x + 0.3) + x^1.5`;
    const cost = parseFormula(text);
    const h = parse(text).compile();
    const dh = derivative(parse(text), 'x').compile();
    for (const x of [0.1, 0.5, 1, 1.7, 2.9]) {
      const want = h.evaluate({ x }) as number;
      const dwant = dh.evaluate({ x }) as number;
      expect(Math.abs(cost.h(x) - want)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(want)));
      expect(Math.abs(cost.dh(x) - dwant)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(dwant)));
    }
  });

  it('complex results are NaN, as before', () => {
    expect(parseFormula('sqrt(x)').h(-1)).toBeNaN();
    expect(parseFormula('log(x)').h(-1)).toBeNaN();
    expect(parseFormula('x^0.5').h(-4)).toBeNaN();
    expect(parseFormula('x^3').h(-2)).toBe(-8);
    expect(parseFormula('e^x + pi').h(1)).toBe(Math.E + Math.PI);
  });
});
