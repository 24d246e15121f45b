// The JavaScript twins that ship: what @hw3/core runs in plain JS because a single draw or a user's formula cannot go
// through WebAssembly (one random number, one normal, the fdlibm log, estimators with a JS cost function, the
// optimizer steps of the Transformer's reference backend). They produce the WASM kernels' bits exactly, and
// packages/kernels/test checks that they do.
export * as prng from './prng.js';
export * as gaussian from './gaussian.js';
export * as libm from './libm.js';
export * as estimators from './estimators.js';
export * as optim from './optim.js';
export { ZIGGURAT_R, ZIGGURAT_X, ZIGGURAT_F } from './ziggurat-tables.js';
