export type { KernelExports } from './api.js';
export { MAX_MEMORY_PAGES, MAX_MEMORY_BYTES, REMAT_MODE } from './api.js';
export { instantiateKernels, instantiateKernelsSync } from './instantiate.js';
