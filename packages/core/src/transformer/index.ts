// The Transformer lab's model half: the contract, SP/μP tables, the tensor plan, the network over either backend and
// the trainer.
export type {
  CoordStep,
  TransformerActivation,
  TransformerBatch,
  TransformerInput,
  TransformerParameterization,
  TransformerParameterizationId,
  TransformerReadout,
  TransformerShape,
  TransformerTask,
  TransformerTrainOptions,
  TransformerTrainResult,
} from './api.js';
export { TRANSFORMER_MUP, TRANSFORMER_ROLES, TRANSFORMER_SP, TRANSFORMER_TABLES, type TransformerRole, type TransformerRoleRule, type TransformerTable } from './parameterization.js';
export { planTransformer, blockTensorNames, type TransformerPlan, type TransformerTensorPlan } from './plan.js';
export { checkShape as checkTransformerShape, checkParameterization as checkTransformerParameterization, checkTask as checkTransformerTask, MAX_TRANSFORMER_WIDTH, MAX_SEQ_LEN, MAX_LAYERS } from './validate.js';
export { trainTransformer } from './train.js';
export { TransformerModel, transformerStepFlops, transformerMemoryBytes, type TransformerOptimizer } from './model.js';
