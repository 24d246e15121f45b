// Checks of what a person typed for an experiment's parameters (a form, a URL query), derived from the experiment's
// own zod schema: each field is parsed as the command line parses it (core's parseParamText), then checked against its
// own schema (bounds, integers), and a complete set against the whole schema (rules that tie fields together). Every
// message names the parameter and the value given.
import { describeValue } from '@hw3/core/errors';
import { formatParamText, ParamError, paramFields, parseParamText, resolveParams, type Experiment, type ParamField } from '@hw3/core/lab';
import { checkSeedText } from './seed.js';
import type { TextCheck } from './text-check.js';

/** The name under which the seed's text and message travel beside the parameters. */
export const SEED_FIELD = 'seed';

/** Messages are clipped to this many characters (a 10 kB value must not become a 10 kB message). */
const MAX_MESSAGE = 300;

const clipMessage = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);

/** Text for each field: the given values, else the defaults (in schema order). */
export function fieldTexts(fields: readonly ParamField[], values: Record<string, unknown> = {}): [string, string][] {
  return fields.map((f) => [f.name, formatParamText(Object.hasOwn(values, f.name) ? values[f.name] : f.default)]);
}

/** Parses one field's text and checks it against that field's schema; never throws. */
export function checkField(experiment: Experiment, field: ParamField, text: string): TextCheck {
  let value: unknown;
  try {
    value = parseParamText(field, text);
  } catch (error) {
    const allowed = (error as { expected?: string }).expected ?? `a valid ${field.name}`;
    return { ok: false, message: clipMessage(error instanceof Error ? error.message : String(error)), allowed };
  }
  const schema = Object.hasOwn(experiment.params.shape, field.name) ? experiment.params.shape[field.name] : undefined;
  if (!schema) return { ok: false, message: `${field.name} is not a parameter of ${experiment.id}`, allowed: 'a parameter of the experiment' };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]?.message ?? 'invalid value';
  return { ok: false, message: clipMessage(`${field.name}: ${issue}, got ${describeValue(text)}`), allowed: issue };
}

/** A form checked as a whole: the parameters and the seed when everything is valid, else a message per field. */
export interface FormCheck {
  params?: Record<string, unknown>;
  seed?: number;
  /** Message per field name (and {@link SEED_FIELD}), in form order. */
  errors: [string, string][];
}

/**
 * Checks every field's text, the seed, and then the whole set against the schema (so cross-field rules name the
 * field they concern). `texts` maps field names to text; a field with no text counts as empty.
 */
export function checkForm(
  experiment: Experiment,
  texts: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  seedText: string,
  fields: readonly ParamField[] = paramFields(experiment),
): FormCheck {
  const textOf = (name: string) => (texts instanceof Map ? texts.get(name) : Object.hasOwn(texts, name) ? (texts as Record<string, string>)[name] : undefined);
  const errors: [string, string][] = [];
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const check = checkField(experiment, field, textOf(field.name) ?? '');
    if (check.ok) params[field.name] = check.value;
    else errors.push([field.name, check.message]);
  }
  const seed = checkSeedText(seedText);
  if (!seed.ok) errors.push([SEED_FIELD, seed.message]);
  if (errors.length > 0 || !seed.ok) return { errors };
  try {
    resolveParams(experiment, params);
  } catch (error) {
    if (!(error instanceof ParamError)) throw error;
    const seen = new Set<string>();
    for (const issue of error.issues) {
      const name = issue.param.split('.')[0]!;
      if (seen.has(name)) continue;
      seen.add(name);
      errors.push([fields.some((f) => f.name === name) ? name : (fields[0]?.name ?? SEED_FIELD), clipMessage(`${issue.param}: ${issue.message}`)]);
    }
    return { errors };
  }
  return { params, seed: seed.value, errors };
}
