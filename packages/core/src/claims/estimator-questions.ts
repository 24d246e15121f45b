// Claim questions for problem 3 (gradient estimators): the variance of one sample's estimate of ∂/∂μ₁ E‖x‖² for
// x ~ N(mu·1, sigma² I_k), measured by Monte Carlo (variance standard error from the fourth central moment). The grid
// spans k from 1 (where the lower-order terms 2(k+4)A, 4μ₁² matter most) to 16, σ below and above 1 (the A²/σ² and
// σ²k² terms pull opposite ways), and μ = 0 (A = 0) as well as μ ≠ 0, so a dropped or misweighted term is refuted.
import { GradientEstimator } from '../estimators/estimate.js';
import type { EstimatorKind } from '../estimators/request.js';
import type { ClaimPoint, ClaimQuestion, ClaimVariable } from './api.js';

const VARIABLES: ClaimVariable[] = [
  { name: 'k', description: 'dimension of x' },
  { name: 'sigma', description: 'shared standard deviation σ' },
  { name: 'mu', description: 'every coordinate of the mean μ (so ‖μ‖² = k·mu²)' },
];

const GRID: ClaimPoint[] = [1, 2, 4, 16].flatMap((k) => [0.5, 2].flatMap((sigma) => [0, 1.5].map((mu) => ({ k, sigma, mu }))));
const SAMPLES = 200_000;
const NOTE = `k ∈ {1, 2, 4, 16} × σ ∈ {0.5, 2} × mu ∈ {0, 1.5}; ${SAMPLES} samples per point`;

function measureVariance(estimator: EstimatorKind) {
  return ({ k, sigma, mu }: ClaimPoint, { rng }: Parameters<ClaimQuestion['measure']>[1]) => {
    const est = new GradientEstimator({
      distribution: { kind: 'gaussian', mu: new Array<number>(k!).fill(mu!), sigma: sigma! },
      cost: { kind: 'sum-squares' },
      estimator,
      param: 'mu',
      rng,
    })
      .run(SAMPLES)
      .result();
    return { measured: est.variance[0]!, stderr: est.varianceStderr[0]!, trials: est.units };
  };
}

/** Question 3: the score-function estimator's variance as a formula in k, sigma and mu. */
export const estimatorScoreVarianceQuestion: ClaimQuestion = {
  question: '3',
  quantity: 'Var of the score-function estimate f(x)(x₁ − μ₁)/σ² of ∂/∂μ₁ E‖x‖², x ~ N(mu·1, sigma² I_k), one sample',
  variables: VARIABLES,
  kind: 'statistical',
  grid: GRID,
  gridNote: NOTE,
  measure: measureVariance('score'),
};

/** Question 3 (pathwise): the pathwise estimator's variance as a formula in k, sigma and mu. */
export const estimatorPathwiseVarianceQuestion: ClaimQuestion = {
  question: '3-pathwise',
  quantity: 'Var of the pathwise estimate 2x₁ of ∂/∂μ₁ E‖x‖², x = mu·1 + sigma·ε, ε ~ N(0, I_k), one sample',
  variables: VARIABLES,
  kind: 'statistical',
  grid: GRID,
  gridNote: NOTE,
  measure: measureVariance('pathwise'),
};
