// Every registered experiment, in the order apps list them (homework order, then the labs).
import type { Experiment } from '../lab/contract.js';
import { InvalidArgumentError } from '../base/errors.js';
import { rematExperiment } from './remat.js';
import { rematPlannerExperiment } from './remat-planner.js';
import { rematScheduleExperiment } from './remat-schedule.js';
import { rmsAtInitExperiment } from './rms-at-init.js';
import { signgdUpdateExperiment } from './signgd-update.js';
import { fanInOnlyExperiment } from './fan-in-only.js';
import { lrTransferExperiment } from './lr-transfer.js';
import { mupTableExperiment } from './mup-table.js';
import { spectralExperiment } from './spectral.js';
import { coordCheckExperiment } from './coord-check.js';
import { estimatorsExperiment } from './estimators.js';
import { estimatorsGeneralExperiment } from './estimators-general.js';
import { estimatorVarianceFigureExperiment } from './estimator-variance-figure.js';
import { transformerLrTransferExperiment } from './transformer-lr-transfer.js';
import { transformerCoordCheckExperiment } from './transformer-coord-check.js';
import { editDistance } from '../base/edit-distance.js';

/** Every registered experiment, in the order apps list them (homework order, then the labs). */
export const experiments: readonly Experiment[] = [
  rmsAtInitExperiment,
  signgdUpdateExperiment,
  fanInOnlyExperiment,
  lrTransferExperiment,
  transformerLrTransferExperiment,
  mupTableExperiment,
  spectralExperiment,
  coordCheckExperiment,
  transformerCoordCheckExperiment,
  estimatorsExperiment,
  estimatorsGeneralExperiment,
  rematExperiment,
  rematPlannerExperiment,
  rematScheduleExperiment,
  estimatorVarianceFigureExperiment,
];

/** The experiment with this id, question or homework part (e.g. 'remat', '4b'), or undefined. */
export function findExperiment(key: string): Experiment | undefined {
  const k = key.trim().toLowerCase();
  return experiments.find((e) => e.id === k || e.question.toLowerCase() === k || (e.parts ?? []).includes(k));
}

/** Ids and parts closest to an unknown key, nearest first. */
export function suggestExperiments(key: string, count = 3): string[] {
  const names = [...new Set(experiments.flatMap((e) => [e.id, ...(e.parts ?? [e.question])]))];
  return names
    .map((name) => ({ name, d: editDistance(key.toLowerCase(), name) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map((s) => s.name);
}

/** Like findExperiment, but throws a typed error naming the nearest ids. */
export function getExperiment(key: string): Experiment {
  const found = findExperiment(key);
  if (!found) throw new InvalidArgumentError('experiment', key, `a known experiment id or question (did you mean ${suggestExperiments(key).join(', ')}?)`);
  return found;
}
