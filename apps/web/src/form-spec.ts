// What the page needs to draw an experiment's form, computed on the server from the experiment's schema: the fields,
// and the texts of the defaults and presets. Plain JSON, so the page itself never loads experiment code or zod.
import { estimateCost, formatParamText, paramFields, type Experiment, type ParamField } from '@hw3/core';

export interface FormSpec {
  fields: ParamField[];
  /** [field name, text] in schema order. */
  defaults: [string, string][];
  /** Preset name → the full form texts it sets (fields it does not name keep their defaults). */
  presets: [string, [string, string][]][];
  /** What a run costs before it starts (calibrated estimate): with the defaults, and with each preset. */
  costs: { defaults: RunCost; presets: [string, RunCost][] };
}

/** A cost estimate as the page shows it. */
export interface RunCost {
  /** "about 4 min on 2 cores", "under a second". */
  text: string;
  /** Predicted waiting time on the calibration machine. */
  seconds: number;
}

function runCost(experiment: Experiment, params: Record<string, unknown>): RunCost {
  const { text, seconds } = estimateCost(experiment, params);
  return { text, seconds };
}

export function formSpec(experiment: Experiment): FormSpec {
  const fields = paramFields(experiment);
  const defaults = fields.map((f): [string, string] => [f.name, formatParamText(f.default)]);
  const presets = Object.entries(experiment.presets ?? {}).map(([name, preset]): [string, [string, string][]] => {
    const values = preset as Record<string, unknown>;
    return [name, fields.map((f): [string, string] => [f.name, Object.hasOwn(values, f.name) ? formatParamText(values[f.name]) : formatParamText(f.default)])];
  });
  const costs = {
    defaults: runCost(experiment, {}),
    presets: Object.entries(experiment.presets ?? {}).map(([name, preset]): [string, RunCost] => [name, runCost(experiment, preset as Record<string, unknown>)]),
  };
  return { fields, defaults, presets, costs };
}
