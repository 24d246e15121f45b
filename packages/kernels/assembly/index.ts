// The module's exports: raw-pointer kernels. Callers own every buffer (see src/api.ts for the contract).
export { alloc, free, memoryBytes } from './memory';
export { rngJump, rngFillU32, uniformF32, uniformF64 } from './prng';
export { normalF32, normalF64 } from './gaussian';
export { matvecF32, matvecF64, matvecTransposedF32, matvecTransposedF64 } from './matvec';
export { signgdOuterF32, signgdOuterF64, signgdF32, signgdF64 } from './signgd';
export { rematSimulate } from './remat';
export { sumF64, copyBytes, scaleF64, peakF32x4 } from './bandwidth';
export { gaussianGradEstimates, scalarGradEstimates } from './estimators';
export { gemmF32, gemmF32Columns, gemmScratchBytes } from './gemm';
export { biasActF32, reluBackwardF32, colSumF32, softmaxXentF32 } from './mlp';
export { sgdF32, adamF32 } from './optim';
export { rematTraceSimulate } from './remat-trace';
export { layerNormForwardF32, layerNormBackwardF32 } from './transformer/layernorm';
export { activationForwardF32, activationBackwardF32 } from './transformer/activation';
export { softmaxRowsF32, softmaxRowsBackwardF32 } from './transformer/softmax';
export { permuteHeadsF32 } from './transformer/heads';
export { embeddingForwardF32, embeddingBackwardF32, addF32, addPositionalF32, positionalBackwardF32 } from './transformer/embedding';
export { poolForwardF32, poolBackwardF32 } from './transformer/pool';
