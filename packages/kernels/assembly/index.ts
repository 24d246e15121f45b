// The module's exports: raw-pointer kernels. Callers own every buffer (see src/api.ts for the contract).
export { alloc, free, memoryBytes } from './memory';
export { rngJump, rngFillU32, uniformF32, uniformF64 } from './prng';
export { normalF32, normalF64 } from './gaussian';
export { matvecF32, matvecF64, matvecTransposedF32, matvecTransposedF64 } from './matvec';
export { signgdOuterF32, signgdOuterF64, signgdF32, signgdF64 } from './signgd';
export { rematSimulate } from './remat';
export { sumF64, copyBytes } from './bandwidth';
