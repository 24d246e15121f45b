// The typed way to declare an experiment: the parameter schema's type flows into `run` and `presets`, so a run that
// reads a parameter the schema lacks, or a preset with a wrong value, is a compile error; the result is a plain
// Experiment that the registry lists as it is (no casts).
import type { z } from 'zod';
import type { Experiment } from './contract.js';

/**
 * Declares an experiment. `run` receives `z.output` of `params` (defaults applied, bounds checked) and `presets` are
 * partial `z.input`s of it, both inferred from `params`.
 * @example export const myExperiment = defineExperiment({ id: 'my-lab', params: z.object({ n: z.number().default(3) }), … })
 */
export function defineExperiment<S extends z.ZodObject>(experiment: Experiment<S>): Experiment<S> {
  return experiment;
}
