// Griewank–Walther binomial checkpointing in closed form (ACM TOMS 2000). β(c, r) = C(c + r, c); for l steps and c
// checkpoints, r = min{r : β(c, r) ≥ l} and the least number of forward steps is t(l, c) = r·l − β(c + 1, r − 1).
import { InvalidArgumentError } from '../base/errors.js';
import { positiveInt } from '../base/validate.js';

/** Values beyond this are only compared with l ≤ 2^31, so they are capped (exactness below it is kept). */
const CAP = 2 ** 52;

/** β(c, r) = C(c + r, c), capped at 2^52; β(c, −1) = 0. */
export function beta(c: number, r: number): number {
  if (r < 0 || c < 0) return 0;
  let b = 1;
  // C(c + k, k) = C(c + k − 1, k − 1)·(c + k)/k, exact in f64 while below 2^53
  for (let k = 1; k <= r; k++) {
    b = (b * (c + k)) / k;
    if (b >= CAP) return CAP;
  }
  return b;
}

/** Least r with β(c, r) ≥ l (the number of times the busiest step is run). */
export function revolveReps(l: number, c: number): number {
  let r = 0;
  let b = 1;
  while (b < l) {
    r++;
    b = (b * (c + r)) / r;
  }
  return r;
}

/**
 * t(l, c): the least number of forward steps to reverse a chain of l steps with c checkpoints (the one holding the
 * initial state included). t(10, 3) = 15, t(10, 2) = 20, t(l, 1) = l(l − 1)/2.
 * @throws InvalidArgumentError for l < 1 or c < 1.
 */
export function revolveForwardSteps(l: number, c: number): number {
  positiveInt('l', l);
  positiveInt('c', c);
  const r = revolveReps(l, c);
  return r * l - beta(c + 1, r - 1);
}

/**
 * The same t(l, c) by its recursion t(l, c) = min_{1≤j<l} [j + t(l − j, c − 1) + t(j, c)], t(1, c) = 0,
 * t(l, 1) = l(l − 1)/2 — O(l²c), for checking the closed form on small chains.
 * @throws InvalidArgumentError when l·l·c exceeds 10^8.
 */
export function revolveForwardStepsByRecursion(l: number, c: number): number {
  positiveInt('l', l);
  positiveInt('c', c);
  if (l * l * c > 1e8) throw new InvalidArgumentError('l', l, `small enough that l²·c ≤ 10^8 (c = ${c})`);
  // t[cc][ll]
  const t: Float64Array[] = [];
  for (let cc = 1; cc <= c; cc++) {
    const row = new Float64Array(l + 1);
    for (let ll = 2; ll <= l; ll++) {
      if (cc === 1) {
        row[ll] = (ll * (ll - 1)) / 2;
        continue;
      }
      let best = Infinity;
      const below = t[cc - 2]!;
      for (let j = 1; j < ll; j++) best = Math.min(best, j + below[ll - j]! + row[j]!);
      row[ll] = best;
    }
    t.push(row);
  }
  return t[c - 1]![l]!;
}

/**
 * An optimal first advance for revolve: with r = revolveReps(l, c), any m with β(c, r − 2) ≤ m ≤ β(c, r − 1) and
 * β(c − 1, r − 1) ≤ l − m ≤ β(c − 1, r) attains t(l, c) (each part then costs its own closed form: t is convex and
 * piecewise linear in l). Returns the largest such m. Needs l ≥ 2, c ≥ 2.
 */
export function revolveSplit(l: number, c: number): number {
  const r = revolveReps(l, c);
  const lo = Math.max(1, beta(c, r - 2), l - beta(c - 1, r));
  const hi = Math.min(l - 1, beta(c, r - 1), l - beta(c - 1, r - 1));
  return Math.max(hi, lo);
}
