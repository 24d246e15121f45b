// Which moments of a cost formula's estimator samples exist under Exponential(λ), proven from the formula's syntax
// tree rather than guessed from samples. Two analyses over the support [0, ∞):
// - interval arithmetic bounds every subexpression, so a division by, a log of, or a negative power of something that
//   can reach 0, a tan that can reach a pole, a sqrt or fractional power of something that can be negative, are found
//   (a singularity or NaN inside the support: nothing is claimed);
// - growth bounds |f(x)| ≤ K·(1 + x)^d·e^{a·x} for large x, by rules per node (sums take the larger bound, products
//   add exponents, exp(u) needs u ≤ s·x + K with a known slope s, sin/cos/tanh/atan are bounded, log grows at most
//   linearly, …).
// Then E|g|^p < ∞ whenever p·a < λ (the polynomial factor never decides it), since ∫ x^{pd} e^{(pa − λ)x} dx < ∞.
// The bounds are upper bounds: "not shown finite" means infinite or unproven, and is reported as such.
import type { FormulaNode } from '../formula/index.js';
import { expDet } from '../libm/index.js';
import { compositeRule } from './quadrature.js';

type Interval = readonly [number, number];
/** |f(x)| ≤ K (1 + x)^degree e^{rate·x} for x ≥ 0; or why no such bound was found. */
export type Growth = { rate: number; degree: number } | { why: string };

const ALL: Interval = [-Infinity, Infinity];
const clean = (lo: number, hi: number): Interval => [Number.isNaN(lo) ? -Infinity : lo, Number.isNaN(hi) ? Infinity : hi];
const hull = (values: number[]): Interval => (values.some(Number.isNaN) ? ALL : clean(Math.min(...values), Math.max(...values)));
const bounded = ([lo, hi]: Interval) => Number.isFinite(lo) && Number.isFinite(hi);
const containsZero = ([lo, hi]: Interval) => lo <= 0 && hi >= 0;

class Singular extends Error {}

/** Range of `node` for x in `domain` (outward-safe: endpoints only ever widen). @throws Singular */
function range(node: FormulaNode, domain: Interval): Interval {
  switch (node.kind) {
    case 'number':
    case 'constant':
      return [node.value, node.value];
    case 'variable':
      return domain;
    case 'operator': {
      const [a, b] = node.args.map((n) => range(n, domain)) as [Interval, Interval | undefined];
      switch (node.op) {
        case 'unaryPlus':
          return a;
        case 'unaryMinus':
          return [-a[1], -a[0]];
        case 'add':
          return clean(a[0] + b![0], a[1] + b![1]);
        case 'subtract':
          return clean(a[0] - b![1], a[1] - b![0]);
        case 'multiply':
          return hull([a[0] * b![0], a[0] * b![1], a[1] * b![0], a[1] * b![1]]);
        case 'divide':
          if (containsZero(b!)) throw new Singular('a division by something that can be 0');
          return hull([a[0] / b![0], a[0] / b![1], a[1] / b![0], a[1] / b![1]]);
        case 'pow': {
          const exponent = node.args[1]!;
          if (exponent.kind !== 'number' && exponent.kind !== 'constant') {
            if (a[0] <= 0) throw new Singular('a power with a variable exponent of something that can be ≤ 0');
            return [0, Infinity];
          }
          const c = exponent.value;
          if (c < 0 && containsZero(a)) throw new Singular('a negative power of something that can be 0');
          if (!Number.isInteger(c) && a[0] < 0) throw new Singular('a fractional power of something that can be negative');
          if (Number.isInteger(c) && c % 2 === 0 && c >= 0) return [containsZero(a) ? 0 : Math.min(Math.abs(a[0]), Math.abs(a[1])) ** c, Math.max(Math.abs(a[0]), Math.abs(a[1])) ** c];
          return hull([a[0] ** c, a[1] ** c]);
        }
        case 'mod':
          return ALL;
      }
      return ALL;
    }
    case 'call': {
      const u = range(node.args[0]!, domain);
      switch (node.name) {
        case 'sin':
        case 'cos':
          return [-1, 1];
        case 'tanh':
          return [-1, 1];
        case 'atan':
          return [-Math.PI / 2, Math.PI / 2];
        case 'abs':
        case 'sign':
          return node.name === 'sign' ? [-1, 1] : [containsZero(u) ? 0 : Math.min(Math.abs(u[0]), Math.abs(u[1])), Math.max(Math.abs(u[0]), Math.abs(u[1]))];
        case 'exp':
          return [Math.exp(u[0]), Math.exp(u[1])];
        case 'sinh':
          return [Math.sinh(u[0]), Math.sinh(u[1])];
        case 'cosh':
          return [containsZero(u) ? 1 : Math.min(Math.cosh(u[0]), Math.cosh(u[1])), Math.max(Math.cosh(u[0]), Math.cosh(u[1]))];
        case 'sqrt':
          if (u[0] < 0) throw new Singular('a square root of something that can be negative');
          return [Math.sqrt(u[0]), Math.sqrt(u[1])];
        case 'log': {
          if (u[0] <= 0) throw new Singular('a logarithm of something that can be ≤ 0');
          if (node.args.length === 2) {
            const base = range(node.args[1]!, domain);
            if (base[0] <= 0 || containsZero([Math.log(base[0]), Math.log(base[1])])) throw new Singular('a logarithm base that can be ≤ 0 or 1');
            return ALL;
          }
          return [Math.log(u[0]), Math.log(u[1])];
        }
        case 'tan':
          if (u[0] > -Math.PI / 2 && u[1] < Math.PI / 2) return [Math.tan(u[0]), Math.tan(u[1])];
          throw new Singular('a tan that can reach a pole');
        default:
          return ALL;
      }
    }
  }
}

/** s with sign·f(x) ≤ s·x + K for x ≥ 0 when f is linear in x plus bounded terms; undefined otherwise. */
function slope(node: FormulaNode, domain: Interval, sign: 1 | -1 = 1): number | undefined {
  const r = range(node, domain);
  if (sign > 0 ? Number.isFinite(r[1]) : Number.isFinite(r[0])) return 0;
  const constantOf = (n: FormulaNode) => (n.kind === 'number' || n.kind === 'constant' ? n.value : undefined);
  const scaled = (n: FormulaNode, c: number) => {
    const s = slope(n, domain, (c >= 0 ? sign : -sign) as 1 | -1);
    return s === undefined ? undefined : s * Math.abs(c);
  };
  switch (node.kind) {
    case 'variable':
      return sign;
    case 'operator': {
      const [a, b] = node.args as [FormulaNode, FormulaNode];
      const ca = constantOf(a);
      const cb = b === undefined ? undefined : constantOf(b);
      switch (node.op) {
        case 'unaryPlus':
          return slope(a, domain, sign);
        case 'unaryMinus':
          return slope(a, domain, -sign as 1 | -1);
        case 'add':
          return sum(slope(a, domain, sign), slope(b, domain, sign));
        case 'subtract':
          return sum(slope(a, domain, sign), slope(b, domain, -sign as 1 | -1));
        case 'multiply':
          return ca !== undefined ? scaled(b, ca) : cb !== undefined ? scaled(a, cb) : undefined;
        case 'divide':
          return cb !== undefined && cb !== 0 ? scaled(a, 1 / cb) : undefined;
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}
const sum = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a + b);

function growth(node: FormulaNode, domain: Interval): Growth {
  const r = range(node, domain);
  if (bounded(r)) return { rate: 0, degree: 0 };
  switch (node.kind) {
    case 'variable':
      return { rate: 0, degree: 1 };
    case 'number':
    case 'constant':
      return { rate: 0, degree: 0 };
    case 'operator': {
      const [a, b] = node.args.map((n) => growth(n, domain)) as [Growth, Growth | undefined];
      if (node.op === 'unaryPlus' || node.op === 'unaryMinus') return a;
      if ('why' in a) return a;
      if (node.op === 'pow') {
        const exponent = node.args[1]!;
        if (exponent.kind === 'number' || exponent.kind === 'constant') {
          const c = exponent.value;
          return c >= 0 ? { rate: a.rate * c, degree: a.degree * c } : { rate: 0, degree: 0 }; // base bounded away from 0 (range checked)
        }
        const base = node.args[0]!;
        if (base.kind === 'number' || base.kind === 'constant') return expGrowth(exponent, domain, Math.log(base.value));
        return { why: `${node.op} with a variable exponent and a variable base grows too fast to bound` };
      }
      if (b && 'why' in b) return b;
      const g = b as { rate: number; degree: number } | undefined;
      if (node.op === 'add' || node.op === 'subtract') return { rate: Math.max(a.rate, g!.rate), degree: Math.max(a.degree, g!.degree) };
      if (node.op === 'multiply') return { rate: a.rate + g!.rate, degree: a.degree + g!.degree };
      if (node.op === 'divide') return a; // the denominator is bounded away from 0 (range checked): |a/b| ≤ |a|/inf|b|
      return { why: `${node.op} cannot be bounded` };
    }
    case 'call': {
      const u = node.args[0]!;
      switch (node.name) {
        case 'exp':
          return expGrowth(u, domain, 1);
        case 'sinh':
        case 'cosh': {
          const up = slope(u, domain, 1);
          const down = slope(u, domain, -1);
          if (up === undefined || down === undefined) return { why: `${node.name} of something growing faster than linearly` };
          return { rate: Math.max(up, down, 0), degree: 0 };
        }
        case 'sqrt': {
          const g = growth(u, domain);
          return 'why' in g ? g : { rate: g.rate / 2, degree: g.degree / 2 };
        }
        case 'abs':
          return growth(u, domain);
        case 'log': {
          const g = growth(u, domain);
          return 'why' in g ? g : { rate: 0, degree: g.rate > 0 || g.degree > 0 ? 1 : 0 }; // log u ≤ a·x + d·log(1 + x) + K
        }
        default:
          return { why: `${node.name} cannot be bounded` };
      }
    }
  }
}

function expGrowth(exponent: FormulaNode, domain: Interval, factor: number): Growth {
  const r = range(exponent, domain);
  if ((factor > 0 && Number.isFinite(r[1])) || (factor < 0 && Number.isFinite(r[0]))) return { rate: 0, degree: 0 };
  const s = slope(exponent, domain, factor > 0 ? 1 : -1);
  if (s === undefined) return { why: 'an exponential of something growing faster than linearly' };
  return { rate: Math.max(0, s * Math.abs(factor)), degree: 0 };
}

/** What is known about E|g|^p for an estimator sample g built from h (or h′) times a polynomial in x. */
export interface TailBound {
  /** Every p with p·rate < λ has E|g|^p < ∞; Infinity when all moments are finite; 0 when nothing is shown. */
  finiteMomentsBelow: number;
  /** For people: the bound and what it implies, or why nothing could be shown. */
  explanation: string;
}

/**
 * The moments of g(x) = f(x)·(polynomial in x) under Exponential(rate) that the growth of `f` (a formula tree in x)
 * proves finite.
 */
export function exponentialTailBound(f: FormulaNode, rate: number, name: string): TailBound {
  const domain: Interval = [0, Infinity];
  let g: Growth;
  try {
    g = growth(f, domain);
  } catch (error) {
    if (!(error instanceof Singular)) throw error;
    return { finiteMomentsBelow: 0, explanation: `${name} has ${error.message} for x ≥ 0: no moment can be shown finite` };
  }
  if ('why' in g) return { finiteMomentsBelow: 0, explanation: `${name}: ${g.why}; no moment can be shown finite` };
  if (g.rate === 0) return { finiteMomentsBelow: Infinity, explanation: `${name} grows at most polynomially (degree ≤ ${g.degree}): every moment is finite under Exponential(${rate})` };
  const below = rate / g.rate;
  return {
    finiteMomentsBelow: below,
    explanation: `${name} grows up to e^{${g.rate}·x}: E|·|^p is finite for p < λ/${g.rate} = ${below.toPrecision(4)}, and infinite or unproven beyond`,
  };
}

/** E g and the central moments E (g − E g)^k (k = 2, 3, 4, 6) under Exponential(rate), or undefined where not asked
 * for or where the quadrature does not settle. */
export interface SampleMoments {
  mean: number | undefined;
  variance: number | undefined;
  centralThird?: number | undefined;
  centralFourth: number | undefined;
  centralSixth?: number | undefined;
}

/**
 * Moments of g(x) under Exponential(rate) by composite Gauss–Legendre on [0, X], doubling X from 60/λ until the
 * integral changes by less than 1e-12 relative (a convergence test: heavy polynomial tails such as x^36·e^{−λx} put
 * their mass far beyond 60/λ). A moment whose integral has not settled after 8 doublings is undefined. Call it only
 * for moments the tail bound proves finite.
 */
export function exponentialSampleMoments(rate: number, g: (x: number) => number, orders: { variance: boolean; third?: boolean; fourth: boolean; sixth?: boolean }): SampleMoments {
  const integrate = (f: (x: number) => number): number | undefined => {
    let previous: number | undefined;
    for (let doubling = 0, X = 60 / rate; doubling <= 8; doubling++, X *= 2) {
      const panels = 240 * 2 ** doubling;
      const rule = compositeRule(0, X, panels, (x) => rate * expDet(-rate * x));
      let total = 0;
      for (let i = 0; i < rule.x.length; i++) total += rule.w[i]! * f(rule.x[i]!);
      if (!Number.isFinite(total)) return undefined;
      if (previous !== undefined && Math.abs(total - previous) <= 1e-12 * Math.max(Math.abs(total), Number.MIN_VALUE)) return total;
      previous = total;
    }
    return undefined;
  };
  const mean = integrate(g);
  if (mean === undefined) return { mean, variance: undefined, centralFourth: undefined };
  const variance = orders.variance ? integrate((x) => (g(x) - mean) ** 2) : undefined;
  const centralFourth = orders.fourth ? integrate((x) => (g(x) - mean) ** 4) : undefined;
  const centralThird = orders.third ? integrate((x) => (g(x) - mean) ** 3) : undefined;
  const centralSixth = orders.sixth ? integrate((x) => (g(x) - mean) ** 6) : undefined;
  return { mean, variance, centralThird, centralFourth, centralSixth };
}
