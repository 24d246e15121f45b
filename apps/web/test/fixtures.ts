// What the tests run: every registered experiment with its 'quick' preset when it has one (small parameters).
import { experiments, paramFields, resolveParams, type Experiment, type ParamField } from '@hw3/core';

export interface Case {
  experiment: Experiment;
  fields: ParamField[];
  /** Full parameter set (defaults filled in), as the page sends it to the worker. */
  params: Record<string, unknown>;
}

export const cases: Case[] = experiments.map((experiment) => {
  const fields = paramFields(experiment);
  const presets = experiment.presets as Record<string, Record<string, unknown>> | undefined;
  const quick = presets?.smoke ?? presets?.quick ?? {};
  const params = resolveParams(experiment, quick) as Record<string, unknown>;
  // Keep schema order, as the page does.
  return { experiment, fields, params: Object.fromEntries(fields.map((f) => [f.name, params[f.name]])) };
});

/** A numeric field to poke at, and a different valid value for it. */
export function numericField(c: Case): { field: ParamField; other: number } | undefined {
  for (const field of c.fields) {
    if (field.type !== 'integer' && field.type !== 'number') continue;
    const current = c.params[field.name] as number;
    const other = field.type === 'integer' ? current + 1 : current * 1.5 + 0.5;
    if (field.maximum === undefined || other <= field.maximum) return { field, other };
  }
  return undefined;
}
