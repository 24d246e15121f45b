// Checks what the user typed in the parameter form: typed parsing per field (core's parseParamText), then the
// experiment's own schema (resolveParams), so every message names the parameter and the value.
import { clipText, formatParamText, paramFields, parseParamText, resolveParams, type Experiment, type ParamField } from '@hw3/core';

/** The seed field's name in the form (it is a run option, not a parameter). */
export const SEED = 'seed';

export interface FormCheck {
  /** Parsed parameters, when every field is valid. */
  params?: Record<string, unknown>;
  seed?: number;
  /** Message per field name (and SEED). */
  errors: Record<string, string>;
}

/** Form text for each field: the given values, else the defaults. */
export function initialTexts(experiment: Experiment, values: Record<string, unknown> = {}): Record<string, string> {
  return Object.fromEntries(paramFields(experiment).map((f) => [f.name, formatParamText(values[f.name] ?? f.default)]));
}

/** Parses a seed typed by the user. */
export function parseSeed(text: string): number | string {
  const trimmed = text.trim();
  const seed = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(seed)) return `seed must be an integer from 0 to 2^53 − 1, got ${clipText(JSON.stringify(text), 80)}`;
  return seed;
}

export function validateForm(experiment: Experiment, fields: readonly ParamField[], texts: Record<string, string>, seedText: string): FormCheck {
  const errors: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    try {
      values[field.name] = parseParamText(field, texts[field.name] ?? '');
    } catch (error) {
      errors[field.name] = clipText(error instanceof Error ? error.message : String(error), 300);
    }
  }
  const seed = parseSeed(seedText);
  if (typeof seed === 'string') errors[SEED] = seed;
  if (Object.keys(errors).length > 0) return { errors };
  try {
    resolveParams(experiment, values);
  } catch (error) {
    const issues = (error as { issues?: { param: string; message: string }[] }).issues;
    if (issues) for (const issue of issues) errors[issue.param.split('.')[0]!] ??= clipText(`${issue.param}: ${issue.message}`, 300);
    else errors[fields[0]?.name ?? SEED] = error instanceof Error ? error.message : String(error);
    return { errors };
  }
  return { params: values, seed: seed as number, errors };
}
