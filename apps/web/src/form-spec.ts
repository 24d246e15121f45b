// What the page needs to draw an experiment's form, computed on the server from the experiment's schema: the fields,
// and the texts of the defaults and presets. Plain JSON, so the page itself never loads experiment code or zod.
import { formatParamText, paramFields, type Experiment, type ParamField } from '@hw3/core';

export interface FormSpec {
  fields: ParamField[];
  /** [field name, text] in schema order. */
  defaults: [string, string][];
  /** Preset name → the full form texts it sets (fields it does not name keep their defaults). */
  presets: [string, [string, string][]][];
}

export function formSpec(experiment: Experiment): FormSpec {
  const fields = paramFields(experiment);
  const defaults = fields.map((f): [string, string] => [f.name, formatParamText(f.default)]);
  const presets = Object.entries(experiment.presets ?? {}).map(([name, preset]): [string, [string, string][]] => {
    const values = preset as Record<string, unknown>;
    return [name, fields.map((f): [string, string] => [f.name, Object.hasOwn(values, f.name) ? formatParamText(values[f.name]) : formatParamText(f.default)])];
  });
  return { fields, defaults, presets };
}
