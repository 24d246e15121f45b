// What a check would have said had its closed form been wrong by a stated amount — recomputed from the numbers every
// check already reports (measured, expected, stderr and zMax, or tolerance), so no experiment needs to run twice.
import type { Check } from '../lab/contract.js';

/** How a check decides: a z (or t) statistic, a band around the closed form, or exact equality. */
export type CheckKind = 'statistical' | 'band' | 'exact';

/** How a check decides: statistical (z against zMax), a band (a tolerance), or exact. */
/** The kind of a check, from the fields it reports (stderr and zMax, or a tolerance). */
export function checkKind(check: Check): CheckKind {
  if (check.zMax !== undefined && check.stderr !== undefined) return 'statistical';
  return (check.tolerance ?? 0) === 0 ? 'exact' : 'band';
}

/** The perturbation applied to a closed form: ×(1 + δ) when it is non-zero, + δ when it is zero (a gap, a log-ratio
 * or a slope that theory puts at 0: scaling 0 would change nothing). */
export function perturbedExpected(expected: number, delta: number): number {
  return expected === 0 ? delta : expected * (1 + delta);
}

/** The perturbation of a closed form as people read it: `×1.05`, or `+0.05` for a closed form of 0. */
/** How the perturbation reads in the report: "×1.05" or "+0.05". */
export function describePerturbation(expected: number, delta: number): string {
  return expected === 0 ? `+${delta}` : `×${1 + delta}`;
}

/**
 * Whether `check` would still pass had its closed form been `perturbedExpected(expected, delta)`: the same rule the
 * check used, with the same measured value, standard error, zMax or tolerance.
 */
export function passesPerturbed(check: Check, delta: number): boolean {
  const expected = perturbedExpected(check.expected, delta);
  const gap = Math.abs(check.measured - expected);
  if (checkKind(check) === 'statistical') {
    const stderr = check.stderr!;
    return stderr > 0 ? gap / stderr <= check.zMax! : gap === 0;
  }
  return gap <= (check.tolerance ?? 0);
}
