// Validation of one form or URL value (in the worker, which holds the experiment's code): parse the text the way the
// CLI does, then check it against the field's own zod schema, so the messages (bounds, integer) come from the
// experiment's schema and not from this app.
import { parseParamText, type ParamField } from '@hw3/core/experiments/params';
import type { Experiment } from '@hw3/core/experiments/api';
import type { FieldCheck } from './text-checks';

export { checkSeedText, clip, type FieldCheck } from './text-checks';

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
