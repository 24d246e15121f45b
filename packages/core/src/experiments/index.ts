export type { Check, Experiment, ExperimentOutput, ExperimentResult, Progress, RunContext, RunOptions, Series, Table } from './api.js';
export { paramFields, parseParamText, formatParamText, type ParamField, type ParamType } from './params.js';
export { runExperiment, resolveParams, ParamError, yieldToEventLoop } from './run.js';
export { RunningStats, zCheck, exactCheck, linearFit, finiteOrNull } from './stats.js';
export { experiments, findExperiment, getExperiment, suggestExperiments } from './registry.js';
export { rematClosedForm } from './remat.js';
