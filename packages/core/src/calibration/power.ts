// What a check would have said had its closed form been wrong by a stated amount — recomputed from the numbers every
// check already reports (measured, expected, stderr and zMax, or tolerance), so no experiment needs to run twice.
import type { Check } from '../lab/contract.js';
import { passesOneSided } from '../stats/checks.js';

/** How a check decides: a z (or t) statistic, a band around the closed form, a one-sided bound, or exact equality. */
export type CheckKind = 'statistical' | 'band' | 'one-sided' | 'exact';

/** The kind of a check, from the fields it reports (stderr and zMax, a one-sided rule, or a tolerance). */
export function checkKind(check: Check): CheckKind {
  if (check.zMax !== undefined && check.stderr !== undefined) return 'statistical';
  if (check.oneSided) return 'one-sided';
  return (check.tolerance ?? 0) === 0 ? 'exact' : 'band';
}

/** The perturbation applied to a closed form: ×(1 + δ) when it is non-zero, + δ when it is zero (a gap, a log-ratio
 * or a slope that theory puts at 0: scaling 0 would change nothing). */
export function perturbedExpected(expected: number, delta: number): number {
  return expected === 0 ? delta : expected * (1 + delta);
}

/** How the perturbation reads in the report: "×1.05" or "+0.05". */
export function describePerturbation(expected: number, delta: number): string {
  return expected === 0 ? `+${delta}` : `×${1 + delta}`;
}

/**
 * Whether `check` would still pass had its closed form been `perturbedExpected(expected, delta)`: the same rule the
 * check used, with the same measured value, standard error, zMax or tolerance.
 */
export function passesPerturbed(check: Check, delta: number): boolean {
  return passesWith(check, perturbedExpected(check.expected, delta), check.measured, check.stderr);
}

/**
 * Whether `check` passes on the given numbers by its own rule (|m − e| ≤ zMax·stderr, or ≤ tolerance; a one-sided
 * rule with its bound moved as far as `expected` moved from the check's own).
 */
function passesWith(check: Check, expected: number, measured: number, stderr: number | undefined): boolean {
  const rule = check.oneSided;
  if (rule) return passesOneSided(rule, measured, stderr ?? rule.stderr, rule.bound + (expected - check.expected));
  const gap = Math.abs(measured - expected);
  if (checkKind(check) === 'statistical') return stderr! > 0 ? gap / stderr! <= check.zMax! : gap === 0;
  return gap <= (check.tolerance ?? 0);
}

/**
 * Whether `check` would still pass against the wrong answer it names (`check.alternative`): its rule re-applied with
 * the alternative's expected, measured or stderr in place of its own. Null when the check names none.
 */
export function passesAlternative(check: Check): boolean | null {
  const alt = check.alternative;
  if (!alt) return null;
  return passesWith(check, alt.expected ?? check.expected, alt.measured ?? check.measured, alt.stderr ?? check.stderr);
}
