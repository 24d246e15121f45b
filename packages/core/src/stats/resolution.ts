// What a statistical check can see at its budget: the smallest error of its closed form it detects with a given
// probability, from the standard error its design gives (exact moments, not the noisy measured ones). A check whose
// budget cannot resolve the calibration's default ×1.05 names this error instead, so its power says what it is for.
import type { CheckAlternative } from './checks.js';
import { normalUpperQuantile } from './significance.js';

/** The relative error of a closed form the calibration measures a check's power against by default: ×1.05. */
export const DEFAULT_POWER_DELTA = 0.05;

/** The power a check's stated resolution is the deviation for. */
export const RESOLUTION_POWER = 0.9;

/**
 * The smallest |true − expected| that a two-sided test "|measured − expected| ≤ zMax·stderr" detects with probability
 * `power`: (zMax + Φ⁻¹(power))·stderr (the opposite tail, below Φ(−2·zMax), is neglected). At power ½ it is the
 * check's half-width zMax·stderr.
 */
export function detectableDeviation(stderr: number, zMax: number, power = RESOLUTION_POWER): number {
  return (zMax + normalUpperQuantile(1 - power)) * stderr;
}

const factor = (delta: number) => `×${(1 + delta).toFixed(delta < 0.1 ? 3 : 2)}`;

/**
 * The wrong answer a z-check is sized to see when its budget cannot resolve ×(1 + DEFAULT_POWER_DELTA): its closed form
 * moved by the relative error it detects with RESOLUTION_POWER, from its design standard error (the same on every
 * seed). Undefined when the check does resolve ×1.05 — its power is then measured there — or `expected` is 0.
 * @param budget how the budget reads in the label, e.g. "200000 samples".
 */
export function resolutionAlternative(expected: number, designStderr: number, zMax: number, budget: string): CheckAlternative | undefined {
  if (expected === 0 || !(designStderr > 0)) return undefined;
  const delta = detectableDeviation(designStderr, zMax) / Math.abs(expected);
  if (delta <= DEFAULT_POWER_DELTA) return undefined;
  const half = detectableDeviation(designStderr, zMax, 0.5) / Math.abs(expected);
  return {
    label: `closed form ${factor(delta)}: the smallest error it detects with ${100 * RESOLUTION_POWER} % power at ${budget} (50 % at ${factor(half)}; ×${1 + DEFAULT_POWER_DELTA} is below its resolution)`,
    expected: expected * (1 + delta),
  };
}

/**
 * For a band on the largest |z| over several points, each perturbed by the same relative error: the smallest error one
 * point alone detects with RESOLUTION_POWER (the most precise point, from the design standard errors), or
 * DEFAULT_POWER_DELTA where that point resolves it. The band's power against it is then at least RESOLUTION_POWER.
 */
export function bandResolution(points: readonly { expected: number; designStderr: number }[], zMax: number): number {
  let best = Infinity;
  for (const p of points) if (p.expected !== 0 && p.designStderr > 0) best = Math.min(best, detectableDeviation(p.designStderr, zMax) / Math.abs(p.expected));
  return Number.isFinite(best) ? Math.max(best, DEFAULT_POWER_DELTA) : DEFAULT_POWER_DELTA;
}
