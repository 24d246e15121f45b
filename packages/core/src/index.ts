export type { DType, FloatArray, FloatInput, MatrixShape, RngState, ArrayOf } from './api.js';
export {
  Hw3Error,
  InvalidArgumentError,
  UnknownOptionError,
  ShapeError,
  DTypeError,
  MemoryLimitError,
  NotInitializedError,
  UseAfterFreeError,
  CancelledError,
  clipText,
  type Hw3ErrorCode,
} from './errors.js';
export { init, isReady, memoryUsage } from './runtime.js';
export { WasmArray } from './wasm-array.js';
export { Rng, createRng } from './rng.js';
export { fillNormal, fillUniform, type NormalOptions, type UniformOptions } from './gaussian.js';
export { matvec, matvecTransposed, type MatvecOptions } from './matvec.js';
export { signgdOuterUpdate, signgdUpdate, type SignGdOuterOptions } from './signgd.js';
export { simulateRemat, MAX_REMAT_LAYERS, type RematMode, type RematOptions, type RematResult } from './remat.js';
export * from './experiments/index.js';
export * from './estimators/index.js';
export * from './claims/index.js';
export * from './mup/index.js';
export * from './planner/index.js';
export * from './calibration/index.js';
export * from './report/index.js';
