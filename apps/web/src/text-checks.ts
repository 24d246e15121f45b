// Checks of user text that need no experiment code (the page uses them directly; experiment fields are checked in
// the worker, see field-validate.ts).

/** The seed of a run whose address names none. */
export const DEFAULT_SEED = 1;

export type FieldCheck = { ok: true; value: unknown } | { ok: false; message: string };

/** Seeds are integers 0 … 2^53 − 1 (what `runExperiment` accepts). */
export function checkSeedText(text: string): FieldCheck {
  const t = text.trim();
  if (!/^\d{1,16}$/.test(t) || !Number.isSafeInteger(Number(t))) {
    return { ok: false, message: `seed must be an integer from 0 to 2^53 − 1, got ${clip(text)}` };
  }
  return { ok: true, value: Number(t) };
}

/** Quotes and shortens user text for messages (React renders it as text: nothing here is markup). */
export function clip(text: string, max = 40): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}
