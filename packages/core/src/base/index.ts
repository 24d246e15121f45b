// The base layer: the WebAssembly runtime, buffers in its memory, the random number generator and the kernels
// (Gaussian and uniform fills, matvec, SignGD updates, the homework's remat simulation), plus the typed errors every
// layer throws. Nothing here knows about experiments, statistics or the homework's domains.
export type { DType, FloatArray, MatrixShape, RngState, ArrayOf } from './types.js';
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
  KernelThreadError,
  clipText,
  type Hw3ErrorCode,
} from './errors.js';
export { init, isReady, memoryUsage } from './runtime.js';
export { closeKernelThreads, kernelThreadsAvailable, kernelThreadsSupport, startKernelThreads, type KernelThreadSupport } from './kernel-threads.js';
export { StoredMatrix, type StoredMatrixOptions } from './stored-matrix.js';
export { WasmArray, type FloatInput } from './wasm-array.js';
export { Rng, createRng } from './rng.js';
export { fillNormal, fillUniform, type NormalOptions, type UniformOptions } from './random-fills.js';
export { matvec, matvecTransposed, type MatvecOptions } from './matvec.js';
export { signgdOuterUpdate, signgdUpdate, type SignGdOuterOptions } from './signgd.js';
export { simulateRemat, MAX_REMAT_LAYERS, type RematMode, type RematOptions, type RematResult } from './remat.js';
