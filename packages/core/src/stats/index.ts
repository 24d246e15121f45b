// The statistics layer: checks of a measurement against its closed form, streaming moments, least-squares and log-log
// fits, and the quantiles and family-wise thresholds that set every statistical check's tolerance.
export { zCheck, exactCheck, oneSidedCheck, passesOneSided, finiteOrNull, type Check, type CheckAlternative, type OneSidedRule } from './checks.js';
export { DEFAULT_POWER_DELTA, RESOLUTION_POWER, detectableDeviation, resolutionAlternative, bandResolution } from './resolution.js';
export { RunningStats } from './running-stats.js';
export { linearFit } from './linear-fit.js';
export { logLogFit, expectedLogLogSlopes, type LogLogPoint, type LogLogFit } from './loglog.js';
export {
  FAMILY_ALPHA,
  Z95,
  familyThreshold,
  sidakLevel,
  normalUpperQuantile,
  studentUpperQuantile,
  studentUpperTail,
} from './significance.js';
