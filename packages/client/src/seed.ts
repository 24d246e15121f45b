// A seed typed by a person (the --seed flag, the dashboard's form, the explorer's form and address): one rule for all.
import { describeValue } from '@hw3/core/errors';
import type { TextCheck } from './text-check.js';

/** What a seed may be: what `runExperiment` accepts. */
export const SEED_ALLOWED = 'an integer from 0 to 2^53 − 1';

/** The seed of a run that names none. */
export const DEFAULT_SEED = 1;

/**
 * Reads a seed: decimal digits only (no sign, exponent, hex or fraction), surrounding spaces ignored.
 * `param` names it in the message (`--seed` on the command line).
 */
export function checkSeedText(text: string, param = 'seed'): TextCheck<number> {
  const trimmed = text.trim();
  const seed = Number(trimmed);
  if (/^\d+$/.test(trimmed) && Number.isSafeInteger(seed)) return { ok: true, value: seed };
  return { ok: false, message: `${param} must be ${SEED_ALLOWED}, got ${describeValue(text)}`, allowed: SEED_ALLOWED };
}
