export type {
  GaussianSpec,
  ExponentialSpec,
  BernoulliSpec,
  DistributionSpec,
  CostSpec,
  EstimatorKind,
  GradParam,
  BaselineKind,
} from './request.js';
export { parseFormula, FORMULA_FUNCTIONS, FORMULA_SYMBOLS, type FormulaCost } from '../formula/cost.js';
export { estimateGradient, estimateGradientAsync, GradientEstimator, type EstimateOptions, type GradientEstimate } from './estimate.js';
export { exactGradient, type ExactOptions, type ExactGradient } from './exact.js';
export {
  sumSquaresForms,
  sumSquaresScoreVarianceMu,
  figure2Forms,
  figure2Crossing,
  exponentialSquareForms,
  bernoulliForms,
  type SumSquaresForms,
  type Figure2Forms,
} from './closed-forms.js';
