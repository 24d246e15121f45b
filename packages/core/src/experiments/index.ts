export type { Check, Experiment, ExperimentOutput, ExperimentResult, Progress, RunContext, RunOptions, Series, Table } from './api.js';
export { paramFields, parseParamText, formatParamText, type ParamField, type ParamType } from './params.js';
export { runExperiment, resolveParams, ParamError, yieldToEventLoop } from './run.js';
export { RunningStats, zCheck, exactCheck, linearFit, finiteOrNull } from './stats.js';
export { experiments, findExperiment, getExperiment, suggestExperiments } from './registry.js';
export { loadExperiment, loadableExperimentIds } from './catalog.js';
export { rematClosedForm, rematCachedClosedForm } from './remat.js';
export { compareWithRevolve, plannerBudget } from './remat-planner.js';
export { rmsAtInitExperiment, Z95 } from './rms-at-init.js';
export { signgdUpdateExperiment } from './signgd-update.js';
export { fanInOnlyExperiment } from './fan-in-only.js';
export { measureInitRms, measureSigngdRms, mupClosedForm, trialsFor, type Estimate, type SigngdEstimate, type BatchMode, type GradientMode } from './mup-measure.js';
export { logLogFit, expectedLogLogSlopes, type LogLogPoint, type LogLogFit } from './loglog.js';
export {
  FAMILY_ALPHA,
  familyThreshold,
  sidakLevel,
  normalUpperQuantile,
  studentUpperQuantile,
  studentUpperTail,
} from './significance.js';
export { estimatorsExperiment } from './estimators.js';
export { estimatorsGeneralExperiment } from './estimators-general.js';
export { estimatorVarianceFigureExperiment } from './estimator-variance-figure.js';
export { lrTransferExperiment } from './lr-transfer.js';
export { mupTableExperiment, renderTable as renderMupTable } from './mup-table.js';
export { coordCheckExperiment } from './coord-check.js';
export { spectralExperiment } from './spectral.js';
export { quickSet, fullSet, plannedParams, QUICK_SET_LEAVES_OUT, type PlannedRun } from './quick-set.js';
