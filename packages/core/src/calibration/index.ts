export { binomialUpperTail, clopperPearson, exceedsRate } from './binomial.js';
export { checkKind, describePerturbation, passesAlternative, passesPerturbed, perturbedExpected, type CheckKind } from './power.js';
export {
  calibrateExperiment,
  summarise,
  DEFAULT_PERTURBATION,
  INTERVAL_CONFIDENCE,
  VERDICT_CONFIDENCE,
  type CalibrationOptions,
  type CalibrationRequest,
  type CheckCalibration,
  type ExperimentCalibration,
  type Rate,
  type SeedRunner,
} from './calibrate.js';
export { calibrationPlan, DEFAULTS_PRESET, type CalibrationPlanEntry } from './plan.js';
export type { CalibrationPart } from './extend.js';
export { emptyReport, formatRate, mergeReport, parseReport, renderCalibrationMarkdown, type CalibrationEntry, type CalibrationReport } from './report.js';
