// A measurement compared with its closed form: the Check record every experiment returns, built two ways: statistically
// (within zMax standard errors) or deterministically (within an absolute tolerance).

/** One comparison of a measurement with its closed form. */
export interface Check {
  name: string;
  expected: number;
  measured: number;
  /** Monte Carlo standard error of `measured` (statistical checks). */
  stderr?: number;
  /** Absolute tolerance (checks without a standard error); pass ⇔ |measured − expected| ≤ tolerance. A tolerance of 0
   * (or none, without a standard error) marks an exact check — a count, a bitwise equality — drawn without an error bar. */
  tolerance?: number;
  /** (measured − expected) / stderr, when stderr is given. */
  z?: number;
  /** |z| allowed (statistical checks), e.g. 5. */
  zMax?: number;
  pass: boolean;
  note?: string;
  /** The wrong answer this check exists to reject, for the calibration's power column (see {@link CheckAlternative}). */
  alternative?: CheckAlternative;
  /** A one-sided rule in place of |measured − expected| ≤ tolerance (see {@link OneSidedRule}; build with {@link oneSidedCheck}). */
  oneSided?: OneSidedRule;
}

/**
 * A one-sided check's rule: pass ⇔ measured + margin·stderr ≤ bound ('at-most'), or measured − margin·stderr ≥ bound
 * ('at-least'). A positive margin asks the measurement to clear the bound by that many standard errors (a growth
 * shown, not assumed); a negative one gives it that many standard errors of benefit of the doubt ("not worse than").
 * Kept apart from `stderr`, which marks a two-sided z-check; the calibration re-applies it to a check's alternative.
 */
export interface OneSidedRule {
  side: 'at-most' | 'at-least';
  bound: number;
  margin: number;
  /** Standard error of `measured` (0 when it has none: an argmin on a grid, a count). */
  stderr: number;
}

/** Whether `measured` (with standard error `stderr`) passes a one-sided rule, its bound moved to `bound`. */
export function passesOneSided(rule: OneSidedRule, measured: number, stderr = rule.stderr, bound = rule.bound): boolean {
  return rule.side === 'at-most' ? measured + rule.margin * stderr <= bound : measured - rule.margin * stderr >= bound;
}

/** One-sided check (see {@link OneSidedRule}): `expected` is what theory predicts, shown beside the measurement; the
 * tolerance shown is |margin|·stderr. */
export function oneSidedCheck(name: string, expected: number, measured: number, rule: OneSidedRule, note?: string): Check {
  return { name, expected, measured, tolerance: Math.abs(rule.margin) * rule.stderr, pass: passesOneSided(rule, measured), oneSided: rule, ...(note ? { note } : {}) };
}

/**
 * A named wrong answer a check is for: a law with the wrong exponent (`expected` replaced), or what a wrong
 * implementation measured in the same run (`measured`, and `stderr` for statistical checks, replaced) — e.g. SP's
 * run under a μP check. The calibration re-applies the check's own rule with these values and counts how often it
 * fails: its power against that error. Checks without one get power at the closed form × 1.05.
 */
export interface CheckAlternative {
  /** What the wrong answer is, the same on every seed (e.g. "SP's run", "slope ½: init variance ∝ 1"). */
  label: string;
  expected?: number;
  measured?: number;
  stderr?: number;
}

/** Statistical check: pass ⇔ |measured − expected| ≤ zMax·stderr. */
export function zCheck(name: string, expected: number, measured: number, stderr: number, zMax = 5, note?: string): Check {
  const diff = measured - expected;
  const z = stderr > 0 ? diff / stderr : diff === 0 ? 0 : Infinity * Math.sign(diff);
  return {
    name,
    expected,
    measured,
    stderr,
    z: Number.isFinite(z) ? z : Math.sign(z) * Number.MAX_VALUE,
    zMax,
    pass: Math.abs(z) <= zMax,
    ...(note ? { note } : {}),
  };
}

/** Deterministic check: pass ⇔ |measured − expected| ≤ tolerance. */
export function exactCheck(name: string, expected: number, measured: number, tolerance = 0, note?: string): Check {
  return { name, expected, measured, tolerance, pass: Math.abs(measured - expected) <= tolerance, ...(note ? { note } : {}) };
}

/** JSON has no NaN or ±Infinity: map them to null. */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
