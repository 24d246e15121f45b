// Failure counts over seeds are binomial: exact (Clopper–Pearson) intervals for the rate, and the one-sided test of
// "this check fails more often than its design promises".
import { InvalidArgumentError } from '../base/errors.js';
import { incompleteBeta } from '../stats/significance.js';

function checkCounts(failures: number, runs: number): void {
  if (!(Number.isInteger(runs) && runs >= 1)) throw new InvalidArgumentError('runs', runs, 'a positive integer');
  if (!(Number.isInteger(failures) && failures >= 0 && failures <= runs)) throw new InvalidArgumentError('failures', failures, `an integer in 0 … runs (${runs})`);
}

/** P(X ≥ k) for X ~ Binomial(n, p): the regularized incomplete beta I_p(k, n − k + 1) (1 when k = 0). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return incompleteBeta(p, k, n - k + 1);
}

/** Solves f(p) = target for p in [0, 1] by bisection, f increasing in p. */
function solveIncreasing(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Clopper–Pearson interval for a binomial rate: the exact interval from inverting two one-sided tests, each at
 * (1 − confidence)/2. With 0 failures the lower end is 0; with n failures the upper end is 1.
 * @example clopperPearson(5, 100) // { low: 0.01643, high: 0.11283 } (R: binom.test(5, 100)$conf.int)
 * @throws InvalidArgumentError for counts that are not integers with 0 ≤ failures ≤ runs, or confidence outside (0, 1).
 */
export function clopperPearson(failures: number, runs: number, confidence = 0.95): { low: number; high: number } {
  checkCounts(failures, runs);
  if (!(confidence > 0 && confidence < 1)) throw new InvalidArgumentError('confidence', confidence, 'a number in (0, 1)');
  const tail = (1 - confidence) / 2;
  // low: P(X ≥ k | p) = tail (increasing in p); high: P(X ≤ k | p) = tail, i.e. P(X ≥ k + 1 | p) = 1 − tail.
  const low = failures === 0 ? 0 : solveIncreasing((p) => binomialUpperTail(failures, runs, p), tail);
  const high = failures === runs ? 1 : solveIncreasing((p) => binomialUpperTail(failures + 1, runs, p), 1 - tail);
  return { low, high };
}

/**
 * Whether `failures` in `runs` show, at the given one-sided confidence, a rate above `promised`: the exact binomial
 * test P(X ≥ failures | promised) < 1 − confidence. With promised = 0 any failure exceeds it.
 * @throws InvalidArgumentError as clopperPearson, or for promised outside [0, 1].
 */
export function exceedsRate(failures: number, runs: number, promised: number, confidence = 0.99): boolean {
  checkCounts(failures, runs);
  if (!(promised >= 0 && promised <= 1)) throw new InvalidArgumentError('promised', promised, 'a rate in [0, 1]');
  if (!(confidence > 0 && confidence < 1)) throw new InvalidArgumentError('confidence', confidence, 'a number in (0, 1)');
  if (promised === 0) return failures > 0;
  return binomialUpperTail(failures, runs, promised) < 1 - confidence;
}
