// Checks of Monte Carlo estimates against exact values, as the experiments report them.
import { zCheck, type Check } from '../stats/checks.js';
import type { GradientEstimate } from './estimate.js';

/** Tolerance in standard errors for every statistical check here. */
export const Z_MAX = 5;

/** The estimate's mean of output i against the exact gradient (standard error of the mean). */
export function meanCheck(name: string, expected: number, est: GradientEstimate, i = 0, note?: string): Check {
  return zCheck(name, expected, est.mean[i]!, est.stderr[i]!, Z_MAX, note);
}

/** The estimate's variance of output i against its exact value (standard error from the fourth central moment). */
export function varianceCheck(name: string, expected: number, est: GradientEstimate, i = 0, note?: string): Check {
  return zCheck(name, expected, est.variance[i]!, est.varianceStderr[i]!, Z_MAX, note ?? 'tolerance: 5 × standard error of the sample variance (4th moment)');
}

/** Relative agreement of two deterministic computations (closed form vs quadrature). */
export function agreeCheck(name: string, expected: number, measured: number, rel = 1e-8, note?: string): Check {
  const tolerance = rel * Math.max(1, Math.abs(expected));
  return { name, expected, measured, tolerance, pass: Math.abs(measured - expected) <= tolerance, ...(note ? { note } : {}) };
}

/** log-spaced or doubling integer sweep 1, 2, 4, … ≤ max (always including max). */
export function doublings(max: number): number[] {
  const out: number[] = [];
  for (let k = 1; k < max; k *= 2) out.push(k);
  out.push(max);
  return out;
}
