// The lab layer: the experiment contract (what an experiment declares and returns), the runner (validation, seeds,
// progress, cancellation with the finished part kept) and the parameter descriptors apps build forms and flags from.
// The experiments themselves and their registry are the `experiments` entry; this one loads none of them.
export type { Check, CheckAlternative, Experiment, ExperimentOutput, ExperimentResult, Progress, RunContext, RunOptions, Series, Table, CellCache, CellExecutionOptions, CellExecutor, CellServices } from './contract.js';
export { defineExperiment } from './define.js';
export { paramFields, parseParamText, formatParamText, type ParamField, type ParamType } from './params.js';
export { runExperiment, resolveParams, ParamError, yieldToEventLoop } from './run.js';
export { describeValues, estimateWithStderr, valueAmountText, valueInfo, valuesTable, valueText, type DescribedValue, type NumberFormat, type ValueCatalog, type ValueInfo } from './value-info.js';
export { costFit, costMachine, durationText, estimateCost, predictCpuSeconds, type CostEstimate, type CostFit, type CostModel } from './cost.js';
