// Test oracles: plain-TypeScript versions of every kernel, for tests and benchmarks only (core's production code may
// not import this entry; an architecture rule checks it). The twins that also ship (random numbers, normals, the log,
// the estimators, the optimizer steps) live in ../js and are re-exported here under the same names.
export { prng, gaussian, libm, estimators, optim } from '../js/index.js';
export * as matvec from './matvec.js';
export * as signgd from './signgd.js';
export * as remat from './remat.js';
export * as gemm from './gemm.js';
export * as mlp from './mlp.js';
export * as rematTrace from './remat-trace.js';
