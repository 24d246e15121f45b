export {
  SP,
  MUP_TABLE3,
  MUP_TABLE8,
  SP_MUP_VECTOR_LR,
  PARAMETERIZATIONS,
  scale as parameterizationScale,
  formatScaling,
  sameScaling,
  type Parameterization,
  type ParameterizationId,
  type RoleRule,
  type Scaling,
  type TensorRole,
} from './parameterization.js';
export { planTensors, resolveParameterization, MAX_WIDTH, type MlpShape, type OptimizerKind, type ScalingOptions, type TensorName, type TensorPlan } from './tensor-plan.js';
export { MlpModel, type ActivationName, type OptimizerSettings } from './model.js';
export { loadMnist, loadDataset, syntheticDataset, parseMnist, type Dataset, type DatasetName, type Split, type SyntheticOptions } from './data.js';
export { trainRun, checkTrainConfig, createModel, evaluate as evaluateModel, BatchSampler, type ModelConfig, type TrainConfig, type TrainResult, type TrainHooks } from './train.js';
export { runTrainings, availableCores, WorkerRunError, type PoolOptions } from './pool.js';
export { sweepConfigs, lossCurve, argminLog2Lr, runSeed, type SweepGrid, type CurvePoint } from './sweep.js';
export { measureInitRms, measureSigngdRms, mupClosedForm, trialsFor, type Estimate, type SigngdEstimate, type BatchMode, type GradientMode } from './measure.js';
