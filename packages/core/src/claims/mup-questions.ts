// Claim questions 1a–1c (μP basics): Monte Carlo measurements over grids of d₁ and d₂ chosen so that a formula that
// is close but wrong (a dropped linear term, d₁² for d₁(1 − 2/π) + 2d₁²/π, a stray d₂) is many standard errors off
// somewhere: small d₁ (where lower-order terms matter most, and trials are cheap) through a few hundred, and d₂ from 1.
import { measureInitRms, measureSigngdRms, trialsFor } from '../mup/measure.js';
import type { ClaimPoint, ClaimQuestion, ClaimVariable } from './api.js';

const VARIABLES: ClaimVariable[] = [
  { name: 'd1', description: 'fan-in d₁ (columns of W, length of x)' },
  { name: 'd2', description: 'fan-out d₂ (rows of W, length of g)' },
];

function grid(d1s: number[], d2s: number[]): ClaimPoint[] {
  return d1s.flatMap((d1) => d2s.map((d2) => ({ d1, d2 })));
}

/** Trials at a point: about 2²⁰ random numbers' worth of work, between 1000 and 10000 (small points get many, so
 * the Student-t threshold stays accurate despite their skewed per-trial distributions). */
const trials = (work: number) => trialsFor(work, 2 ** 20, 1000, 10_000);

/** Claim question 1a: E‖Wx‖²_rms in d1, d2 (Monte Carlo). */
export const rmsAtInitQuestion: ClaimQuestion = {
  question: '1a',
  quantity: 'E‖Wx‖²_rms for W (d₂×d₁) and x with i.i.d. N(0, 1) entries',
  variables: VARIABLES,
  kind: 'statistical',
  grid: grid([1, 2, 4, 16, 64, 256], [1, 4, 32]),
  gridNote: 'd₁ ∈ {1, 2, 4, 16, 64, 256} × d₂ ∈ {1, 4, 32}; 1000–10000 trials per point',
  measure: ({ d1, d2 }, { rng }) => {
    const e = measureInitRms(rng, d1!, d2!, trials(d1! * d2! + d1!));
    return { measured: e.mean, stderr: e.stderr, trials: e.trials };
  },
};

const signgd = (d1: number, d2: number, rng: Parameters<ClaimQuestion['measure']>[1]['rng']) => {
  const e = measureSigngdRms(rng, d1, d2, trials(4 * d1 * d2), 1, 'sum-of-signs', 'independent', false).train;
  return { measured: e.mean, stderr: e.stderr, trials: e.trials };
};

/** Claim question 1b: E‖y′‖²_rms of the SignGD update in d1, d2 (Monte Carlo). */
export const signgdUpdateQuestion: ClaimQuestion = {
  question: '1b',
  quantity: 'E‖y′‖²_rms for y′ = sign(x gᵀ) x, x ~ N(0, I_d₁), g ~ N(0, I_d₂)',
  variables: VARIABLES,
  kind: 'statistical',
  grid: grid([1, 2, 3, 4, 16, 64, 256], [1, 8]),
  gridNote: 'd₁ ∈ {1, 2, 3, 4, 16, 64, 256} × d₂ ∈ {1, 8}; 1000–10000 trials per point',
  measure: ({ d1, d2 }, { rng }) => signgd(d1!, d2!, rng),
};

/** Claim question 1c: the SignGD quantity of 1b on a grid that sweeps d2 widely (Monte Carlo). */
export const fanInOnlyQuestion: ClaimQuestion = {
  question: '1c',
  quantity: 'E‖y′‖²_rms for y′ = sign(x gᵀ) x, as the fan-out d₂ varies (the SignGD update of 1b)',
  variables: VARIABLES,
  kind: 'statistical',
  grid: grid([1, 4, 32], [1, 2, 8, 64, 512]),
  gridNote: 'd₁ ∈ {1, 4, 32} × d₂ ∈ {1, 2, 8, 64, 512}; 1000–10000 trials per point',
  measure: ({ d1, d2 }, { rng }) => signgd(d1!, d2!, rng),
};
