// Validation of one form or URL value: parse the text the way the CLI does, then check it against the field's own
// zod schema, so the messages (bounds, integer) come from the experiment's schema and not from this app.
import { parseParamText, type Experiment, type ParamField } from '@hw3/core';

export type FieldCheck = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses and validates one field's text; never throws. */
export function checkField(experiment: Experiment, field: ParamField, text: string): FieldCheck {
  let value: unknown;
  try {
    value = parseParamText(field, text);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const schema = (experiment.params.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }>)[field.name];
  if (!schema) return { ok: false, message: `${field.name} is not a parameter of ${experiment.id}` };
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, message: `${field.name}: ${parsed.error?.issues[0]?.message ?? 'invalid value'}` };
  return { ok: true, value: parsed.data };
}

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
