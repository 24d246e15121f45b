// The quick set: what a report runs when nobody names experiments — every experiment with its `quick` preset (its
// defaults where it has none), except those whose quick run alone is a long training sweep. About 15–30 s of CPU on a
// 2-core machine; the full set (every experiment with its defaults) takes 5 minutes or more, most of it lr-transfer.
import type { Experiment } from '../lab/contract.js';
import { experiments } from './registry.js';

/**
 * Experiments the quick set leaves out, with the reason shown to the user.
 * lr-transfer's quick preset still trains 60 MNIST models (about a minute of CPU by itself).
 */
export const QUICK_SET_LEAVES_OUT: Readonly<Record<string, string>> = {
  'lr-transfer': 'its quick preset alone trains 60 MNIST models (about a minute); its full sweep trains 180 (about 5 minutes)',
  'transformer-lr-transfer': 'its quick preset alone trains 56 Transformers (about 2 minutes on 2 cores)',
};

/** One experiment and the named preset it runs with in a set (undefined: its defaults). */
export interface PlannedRun {
  experiment: Experiment;
  preset?: string;
}

/** The quick set: every registered experiment but those in {@link QUICK_SET_LEAVES_OUT}, each with its `quick` preset where it has one. */
export function quickSet(): PlannedRun[] {
  return experiments
    .filter((experiment) => !(experiment.id in QUICK_SET_LEAVES_OUT))
    .map((experiment) => (experiment.presets?.quick ? { experiment, preset: 'quick' } : { experiment }));
}

/** The full set: every registered experiment with its default parameters. */
export function fullSet(): PlannedRun[] {
  return experiments.map((experiment) => ({ experiment }));
}

/** The parameters a planned run starts from (its preset's values, or none: the experiment's defaults). */
export function plannedParams(run: PlannedRun): Record<string, unknown> {
  return run.preset ? { ...(run.experiment.presets?.[run.preset] ?? {}) } : {};
}
