// What an estimator run is asked for: the distribution, the cost, the estimator, the parameter, the baseline —
// their types and their validation (typed errors naming the parameter).
import { ESTIMATOR_COST } from '@hw3/kernels';
import { InvalidArgumentError } from '../base/errors.js';
import { parseFormula } from '../formula/cost.js';
import { cosDet, expDet, sinDet } from '../libm/index.js';

/** A scalar cost h and its derivative h'. */
export interface ScalarCost {
  h(x: number): number;
  dh(x: number): number;
}

/** N(μ, diag(σ²)) in k = mu.length dims; a scalar sigma is one shared σ (its gradient is one number). */
export interface GaussianSpec {
  kind: 'gaussian';
  mu: readonly number[];
  sigma: number | readonly number[];
}
/** Exponential with rate λ (mean 1/λ), sampled through its inverse CDF x = −ln(1 − u)/λ. */
export interface ExponentialSpec {
  kind: 'exponential';
  rate: number;
}
/** Bernoulli with P(x = 1) = sigmoid(logit): discrete, so only the score function applies. */
export interface BernoulliSpec {
  kind: 'bernoulli';
  logit: number;
}
/** The sampling distribution p(x; θ) whose parameter θ the gradient is taken with respect to. */
export type DistributionSpec = GaussianSpec | ExponentialSpec | BernoulliSpec;

/**
 * f(x) = Σᵢ h(xᵢ) (weights aᵢ for 'linear'): ‖x‖², a·x, Σ (xᵢ − k)², Σ exp(−k xᵢ²), Σ cos(k xᵢ), or a user formula
 * h(x) (run in TypeScript, not WebAssembly).
 */
export type CostSpec =
  | { kind: 'sum-squares' }
  | { kind: 'linear'; a: readonly number[] }
  | { kind: 'shifted-square'; k: number }
  | { kind: 'bump'; k: number }
  | { kind: 'cosine'; k: number }
  | { kind: 'formula'; expression: string };

/** Score function (REINFORCE), pathwise (reparameterization) or measure-valued gradient estimator. */
export type EstimatorKind = 'score' | 'pathwise' | 'measure-valued';
/** 'mu'/'sigma' for the Gaussian, 'rate' for the exponential, 'logit' for the Bernoulli. */
export type GradParam = 'mu' | 'sigma' | 'rate' | 'logit';
/**
 * Score-function baselines: none; a constant (`baselineValue`); the optimal constant E[f s²]/E[s²] estimated from an
 * independent pilot run; leave-one-out within each batch (unbiased); the batch mean including the sample itself
 * (biased: the expected gradient shrinks by 1 − 1/N).
 */
export type BaselineKind = 'none' | 'constant' | 'optimal' | 'leave-one-out' | 'batch-mean';

/** A cost resolved for the engines: the kernel code (or none for formulas), the constant, the weights, h and h'. */
export interface ResolvedCost {
  code: number | undefined;
  c: number;
  /** Weight of coordinate i (1 except for 'linear'). */
  weight(i: number): number;
  scalar: ScalarCost;
  label: string;
}

const MAX_DIM = 100_000;

function finiteNumber(param: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidArgumentError(param, v, 'a finite number');
  return v;
}

function finiteVector(param: string, v: unknown, min = 1): number[] {
  if (!(Array.isArray(v) || v instanceof Float64Array || v instanceof Float32Array) || v.length < min || v.length > MAX_DIM) {
    throw new InvalidArgumentError(param, v, `an array of ${min} to ${MAX_DIM} finite numbers`);
  }
  return Array.from(v as ArrayLike<unknown>, (x, i) => finiteNumber(`${param}[${i}]`, x));
}

/** Checked copy of a distribution. @throws InvalidArgumentError naming the bad field. */
export function checkDistribution(d: unknown): DistributionSpec {
  if (typeof d !== 'object' || d === null) throw new InvalidArgumentError('distribution', d, 'a distribution object');
  const spec = d as DistributionSpec;
  switch (spec.kind) {
    case 'gaussian': {
      const mu = finiteVector('mu', spec.mu);
      if (typeof spec.sigma === 'number') {
        if (!(spec.sigma > 0) || !Number.isFinite(spec.sigma)) throw new InvalidArgumentError('sigma', spec.sigma, 'a finite number > 0');
        return { kind: 'gaussian', mu, sigma: spec.sigma };
      }
      const sigma = finiteVector('sigma', spec.sigma);
      if (sigma.length !== mu.length) throw new InvalidArgumentError('sigma', spec.sigma, `a number or ${mu.length} numbers (one per coordinate of mu)`);
      sigma.forEach((s, i) => {
        if (!(s > 0)) throw new InvalidArgumentError(`sigma[${i}]`, s, 'a finite number > 0');
      });
      return { kind: 'gaussian', mu, sigma };
    }
    case 'exponential': {
      const rate = finiteNumber('rate', spec.rate);
      if (!(rate > 0)) throw new InvalidArgumentError('rate', rate, 'a finite number > 0');
      return { kind: 'exponential', rate };
    }
    case 'bernoulli':
      return { kind: 'bernoulli', logit: finiteNumber('logit', spec.logit) };
    default:
      throw new InvalidArgumentError('distribution.kind', (spec as { kind?: unknown }).kind, "'gaussian', 'exponential' or 'bernoulli'");
  }
}

/** Resolves a cost for `dim` coordinates. @throws InvalidArgumentError for a bad kind, constant, weights or formula. */
export function resolveCost(cost: unknown, dim: number): ResolvedCost {
  if (typeof cost !== 'object' || cost === null) throw new InvalidArgumentError('cost', cost, 'a cost object');
  const spec = cost as CostSpec;
  const builtin = (code: number, c: number, label: string, scalar: ScalarCost, weights?: number[]): ResolvedCost => ({
    code,
    c,
    weight: weights ? (i) => weights[i]! : () => 1,
    scalar,
    label,
  });
  switch (spec.kind) {
    case 'sum-squares':
      return builtin(ESTIMATOR_COST.square, 0, '‖x‖²', { h: (x) => x * x, dh: (x) => 2 * x });
    case 'linear': {
      const a = finiteVector('a', spec.a);
      if (a.length !== dim) throw new InvalidArgumentError('a', spec.a, `${dim} numbers (one per coordinate)`);
      return builtin(ESTIMATOR_COST.identity, 0, 'a·x', { h: (x) => x, dh: () => 1 }, a);
    }
    case 'shifted-square': {
      const c = finiteNumber('k', spec.k);
      return builtin(ESTIMATOR_COST.square, c, `(x − ${c})²`, { h: (x) => (x - c) * (x - c), dh: (x) => 2 * (x - c) });
    }
    case 'bump': {
      const c = finiteNumber('k', spec.k);
      return builtin(ESTIMATOR_COST.bump, c, `exp(−${c} x²)`, {
        h: (x) => expDet(-c * x * x),
        dh: (x) => -2 * c * x * expDet(-c * x * x),
      });
    }
    case 'cosine': {
      const c = finiteNumber('k', spec.k);
      return builtin(ESTIMATOR_COST.cosine, c, `cos(${c} x)`, { h: (x) => cosDet(c * x), dh: (x) => -c * sinDet(c * x) });
    }
    case 'formula': {
      const f = parseFormula(spec.expression);
      return { code: undefined, c: 0, weight: () => 1, scalar: { h: f.h, dh: f.dh }, label: f.expression };
    }
    default:
      throw new InvalidArgumentError(
        'cost.kind',
        (spec as { kind?: unknown }).kind,
        "'sum-squares', 'linear', 'shifted-square', 'bump', 'cosine' or 'formula'",
      );
  }
}

/** The parameters each distribution has gradients for, and the estimators that exist for it. */
export function checkEstimatorFor(dist: DistributionSpec, estimator: unknown, param: unknown): { estimator: EstimatorKind; param: GradParam } {
  const params: Record<DistributionSpec['kind'], GradParam[]> = { gaussian: ['mu', 'sigma'], exponential: ['rate'], bernoulli: ['logit'] };
  const allowed = params[dist.kind];
  const p = param ?? allowed[0];
  if (!allowed.includes(p as GradParam)) throw new InvalidArgumentError('param', param, `one of ${allowed.join(', ')} for the ${dist.kind} distribution`);
  const estimators: Record<DistributionSpec['kind'], EstimatorKind[]> = {
    gaussian: ['score', 'pathwise', 'measure-valued'],
    exponential: ['score', 'pathwise'],
    bernoulli: ['score'],
  };
  if (!estimators[dist.kind].includes(estimator as EstimatorKind)) {
    const why =
      dist.kind === 'bernoulli' && estimator === 'pathwise'
        ? "'score' (no pathwise estimator: a Bernoulli sample is not a differentiable function of θ and noise)"
        : `one of ${estimators[dist.kind].join(', ')} for the ${dist.kind} distribution`;
    throw new InvalidArgumentError('estimator', estimator, why);
  }
  return { estimator: estimator as EstimatorKind, param: p as GradParam };
}
