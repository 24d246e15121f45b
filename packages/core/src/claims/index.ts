export type {
  CheckClaimOptions,
  ClaimEvidence,
  ClaimMeasureContext,
  ClaimMeasurement,
  ClaimPoint,
  ClaimQuestion,
  ClaimResult,
  ClaimResolution,
  ClaimVariable,
} from './api.js';
export { checkClaim, claimResolution, clearClaimCache, EXACT_RELATIVE_TOLERANCE } from './check.js';
export {
  compileClaimFormula,
  CLAIM_CONSTANTS,
  CLAIM_FUNCTIONS,
  MAX_CLAIM_LENGTH,
  MAX_CLAIM_NODES,
  type CompiledClaimFormula,
} from '../formula/claim.js';
export { FormulaError, type FormulaProblem } from '../formula/error.js';
export { claimQuestions, findClaimQuestion, getClaimQuestion, registerClaimQuestion } from './registry.js';
export { fanInOnlyQuestion, rmsAtInitQuestion, signgdUpdateQuestion } from './mup-questions.js';
export { rematBreakEvenQuestion, rematFwdQuestion, rematLoadmemQuestion } from './remat-questions.js';
export { estimatorScoreVarianceQuestion, estimatorPathwiseVarianceQuestion } from './estimator-questions.js';
