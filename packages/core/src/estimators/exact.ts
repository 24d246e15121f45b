// Exact means and variances of the estimators by quadrature, for any separable cost f(x) = Σᵢ wᵢ h(xᵢ) (built-in or
// a formula): what the Monte Carlo runs are checked against where no closed form is written down.
//
// Score function: g = (U − b)·S with U = Σⱼ uⱼ, uⱼ = wⱼ h(xⱼ), S = Σⱼ sⱼ (sⱼ = 0 for coordinates not in the output).
// The pairs (uⱼ, sⱼ) are independent across j, so the moments E[Uᵃ Sᵇ] (a, b ≤ 2) of the sum follow from each pair's
// by the binomial convolution; E g = E[US], E g² = E[U²S²] − 2b E[US²] + b² E[S²].
import { InvalidArgumentError } from '../base/errors.js';
import { keysOf, options as checkOptions } from '../base/validate.js';
import { exponentialRule, maxwellRule, normalRule, rayleighRule, uniformRule, type Rule } from './quadrature.js';
import { checkDistribution, checkEstimatorFor, resolveCost, type CostSpec, type DistributionSpec, type EstimatorKind, type GradParam } from './request.js';
import { expDet } from '../libm/index.js';

/** E[Uᵃ Sᵇ], a, b ∈ {0, 1, 2}, row-major (index 3a + b). */
type Moments = Float64Array;
const C = [1, 1, 1, 1, 2, 1]; // binomial(a, a') for (a, a') in (0,0) (1,0) (1,1) (2,0) (2,1) (2,2)
const binom = (a: number, j: number) => C[(a * (a + 1)) / 2 + j]!;

function convolve(A: Moments, B: Moments): Moments {
  const out = new Float64Array(9);
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++) {
      let s = 0;
      for (let i = 0; i <= a; i++) for (let j = 0; j <= b; j++) s += binom(a, i) * binom(b, j) * A[3 * i + j]! * B[3 * (a - i) + (b - j)]!;
      out[3 * a + b] = s;
    }
  return out;
}

/** Moments of (u, s) over a rule: u(x), s(x) evaluated at the nodes. */
function pairMoments(rule: Rule, u: (x: number) => number, s: (x: number) => number): Moments {
  const m = new Float64Array(9);
  for (let n = 0; n < rule.x.length; n++) {
    const un = u(rule.x[n]!);
    const sn = s(rule.x[n]!);
    const w = rule.w[n]!;
    for (let a = 0, ua = w; a < 3; a++, ua *= un) for (let b = 0, p = ua; b < 3; b++, p *= sn) m[3 * a + b] = m[3 * a + b]! + p;
  }
  return m;
}

/** Moments of a constant u = c with s = 0. */
function constantMoments(c: number): Moments {
  const m = new Float64Array(9);
  m[0] = 1;
  m[3] = c;
  m[6] = c * c;
  return m;
}

function expect(rule: Rule, g: (x: number) => number): { m1: number; m2: number } {
  let m1 = 0;
  let m2 = 0;
  for (let n = 0; n < rule.x.length; n++) {
    const v = g(rule.x[n]!);
    m1 += rule.w[n]! * v;
    m2 += rule.w[n]! * v * v;
  }
  return { m1, m2 };
}

/** What {@link exactGradient} computes exactly: as {@link EstimateOptions}, without sampling. */
export interface ExactOptions {
  distribution: DistributionSpec;
  cost: CostSpec;
  estimator: EstimatorKind;
  param?: GradParam;
  /** 'none' (default), 'constant' (baselineValue) or 'optimal' (b* = E[f s²]/E[s²], exact). */
  baseline?: 'none' | 'constant' | 'optimal';
  baselineValue?: number | readonly number[];
}

/** Exact per-output mean (the true gradient, for these unbiased estimators) and single-sample variance. */
export interface ExactGradient {
  mean: number[];
  variance: number[];
  /** The constant baseline per output, when one was used. */
  baseline?: number[];
}

/**
 * Exact mean and variance of a single-sample gradient estimate, by quadrature.
 * @throws InvalidArgumentError for bad options (as estimateGradient), or a batch baseline (not supported here).
 */
export function exactGradient(options: ExactOptions): ExactGradient {
  checkOptions('options', options, true, keysOf<ExactOptions>()(['distribution', 'cost', 'estimator', 'param', 'baseline', 'baselineValue']));
  const dist = checkDistribution(options.distribution);
  const { estimator, param } = checkEstimatorFor(dist, options.estimator, options.param);
  const baseline = options.baseline ?? 'none';
  if (!['none', 'constant', 'optimal'].includes(baseline)) throw new InvalidArgumentError('baseline', baseline, "'none', 'constant' or 'optimal'");
  if (baseline !== 'none' && estimator !== 'score') throw new InvalidArgumentError('baseline', baseline, "'none' (baselines apply to the score function)");
  const dim = dist.kind === 'gaussian' ? dist.mu.length : 1;
  const cost = resolveCost(options.cost, dim);
  const { h, dh } = cost.scalar;

  // Per output: the no-baseline moments (score function) or mean and second moment (pathwise, measure-valued).
  const scoreMoments: Moments[] = [];
  const direct: { m1: number; m2: number }[] = [];
  if (dist.kind === 'gaussian') {
    const k = dist.mu.length;
    const sig = (i: number) => (typeof dist.sigma === 'number' ? dist.sigma : dist.sigma[i]!);
    const shared = param === 'sigma' && typeof dist.sigma === 'number';
    const N = normalRule();
    if (estimator === 'score') {
      const uOf = (i: number) => (e: number) => cost.weight(i) * h(dist.mu[i]! + sig(i) * e);
      const sOf = (i: number) => (param === 'mu' ? (e: number) => e / sig(i) : (e: number) => (e * e - 1) / sig(i));
      if (shared) {
        let m = constantMoments(0);
        for (let i = 0; i < k; i++) m = convolve(m, pairMoments(N, uOf(i), sOf(i)));
        scoreMoments.push(m);
      } else {
        // U without coordinate i: mean and variance of the others' sum.
        const alone = Array.from({ length: k }, (_, i) => expect(N, uOf(i)));
        const totalMean = alone.reduce((s, a) => s + a.m1, 0);
        const totalVar = alone.reduce((s, a) => s + (a.m2 - a.m1 * a.m1), 0);
        for (let i = 0; i < k; i++) {
          const mean = totalMean - alone[i]!.m1;
          const rest = constantMoments(mean);
          rest[6] = totalVar - (alone[i]!.m2 - alone[i]!.m1 ** 2) + mean * mean;
          scoreMoments.push(convolve(rest, pairMoments(N, uOf(i), sOf(i))));
        }
      }
    } else {
      const per = Array.from({ length: k }, (_, i) => {
        const mu = dist.mu[i]!;
        const s = sig(i);
        const w = cost.weight(i);
        if (estimator === 'pathwise') return expect(N, param === 'mu' ? (e) => w * dh(mu + s * e) : (e) => w * dh(mu + s * e) * e);
        if (param === 'mu') return expect(rayleighRule(), (r) => ((w / (s * Math.sqrt(2 * Math.PI))) * (h(mu + s * r) - h(mu - s * r))));
        // Measure-valued σ: E over the Maxwell m and the coupling uniform u, nested.
        const U = uniformRule();
        let m1 = 0;
        let m2 = 0;
        const M = maxwellRule();
        for (let a = 0; a < M.x.length; a++) {
          const m = M.x[a]!;
          const hp = h(mu + s * m);
          for (let b = 0; b < U.x.length; b++) {
            const g = (w / s) * (hp - h(mu + s * m * U.x[b]!));
            m1 += M.w[a]! * U.w[b]! * g;
            m2 += M.w[a]! * U.w[b]! * g * g;
          }
        }
        return { m1, m2 };
      });
      if (shared) {
        const m1 = per.reduce((s, p) => s + p.m1, 0);
        const v = per.reduce((s, p) => s + p.m2 - p.m1 * p.m1, 0);
        direct.push({ m1, m2: v + m1 * m1 });
      } else direct.push(...per);
    }
  } else if (dist.kind === 'exponential') {
    const rate = dist.rate;
    const w = cost.weight(0);
    const R = exponentialRule(rate);
    if (estimator === 'score') scoreMoments.push(pairMoments(R, (x) => w * h(x), (x) => 1 / rate - x));
    else direct.push(expect(R, (x) => w * dh(x) * (-x / rate)));
  } else {
    const p = 1 / (1 + expDet(-dist.logit));
    const w = cost.weight(0);
    const rule: Rule = { x: Float64Array.of(0, 1), w: Float64Array.of(1 - p, p) };
    scoreMoments.push(pairMoments(rule, (x) => w * h(x), (x) => x - p));
  }

  if (estimator !== 'score') return { mean: direct.map((d) => d.m1), variance: direct.map((d) => d.m2 - d.m1 * d.m1) };
  const b = scoreMoments.map((m, i) => {
    if (baseline === 'none') return 0;
    if (baseline === 'optimal') return m[5]! / m[2]!; // E[U S²] / E[S²]
    const v = options.baselineValue;
    const val = typeof v === 'number' ? v : Array.isArray(v) ? v[i] : undefined;
    if (typeof val !== 'number' || !Number.isFinite(val)) throw new InvalidArgumentError('baselineValue', v, `a finite number or ${scoreMoments.length} finite numbers`);
    return val;
  });
  const mean = scoreMoments.map((m) => m[4]!); // E[U S]
  const variance = scoreMoments.map((m, i) => m[8]! - 2 * b[i]! * m[5]! + b[i]! ** 2 * m[2]! - m[4]! ** 2);
  return { mean, variance, ...(baseline !== 'none' ? { baseline: b } : {}) };
}
