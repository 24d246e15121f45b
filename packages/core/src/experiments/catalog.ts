// Loads one experiment's module on demand. The registry (registry.ts) imports every experiment eagerly, which is what
// Node wants; a browser page that shows one experiment should download only that experiment's code (and not, say, the
// claim checker's formula parser or the MNIST digits). Each entry is a separate `import()`, so bundlers emit one chunk
// per experiment. A test checks that these ids and objects are exactly the registry's.
import { InvalidArgumentError } from '../base/errors.js';
import type { Experiment } from '../lab/contract.js';

const loaders: Readonly<Record<string, () => Promise<Experiment>>> = {
  'rms-at-init': () => import('./rms-at-init.js').then((m) => m.rmsAtInitExperiment),
  'signgd-update': () => import('./signgd-update.js').then((m) => m.signgdUpdateExperiment),
  'fan-in-only': () => import('./fan-in-only.js').then((m) => m.fanInOnlyExperiment),
  'lr-transfer': () => import('./lr-transfer.js').then((m) => m.lrTransferExperiment),
  'transformer-lr-transfer': () => import('./transformer-lr-transfer.js').then((m) => m.transformerLrTransferExperiment),
  'mup-table': () => import('./mup-table.js').then((m) => m.mupTableExperiment),
  spectral: () => import('./spectral.js').then((m) => m.spectralExperiment),
  'coord-check': () => import('./coord-check.js').then((m) => m.coordCheckExperiment),
  'transformer-coord-check': () => import('./transformer-coord-check.js').then((m) => m.transformerCoordCheckExperiment),
  estimators: () => import('./estimators.js').then((m) => m.estimatorsExperiment),
  'estimators-general': () => import('./estimators-general.js').then((m) => m.estimatorsGeneralExperiment),
  remat: () => import('./remat.js').then((m) => m.rematExperiment),
  'remat-planner': () => import('./remat-planner.js').then((m) => m.rematPlannerExperiment),
  'remat-schedule': () => import('./remat-schedule.js').then((m) => m.rematScheduleExperiment),
  'estimator-variance-figure': () => import('./estimator-variance-figure.js').then((m) => m.estimatorVarianceFigureExperiment),
};

/** Ids of every experiment that `loadExperiment` can load, in registry order. */
export const loadableExperimentIds: readonly string[] = Object.keys(loaders);

/**
 * The experiment with this exact id, importing only its own module (and what that module imports).
 * @throws InvalidArgumentError naming the known ids when `id` is not one of them.
 */
export function loadExperiment(id: string): Promise<Experiment> {
  const load = Object.hasOwn(loaders, id) ? loaders[id] : undefined;
  if (!load) return Promise.reject(new InvalidArgumentError('experiment', id, `one of ${loadableExperimentIds.join(', ')}`));
  return load();
}
