export type { KernelExports } from './api.js';
export { MAX_MEMORY_PAGES, MAX_MEMORY_BYTES, REMAT_MODE } from './api.js';
export { createSharedMemory, instantiateKernels, instantiateKernelsSync, instantiateSharedKernelsSync, SHARED_MEMORY_PAGES } from './instantiate.js';
export {
  ESTIMATOR_COST,
  ESTIMATOR_KIND,
  ESTIMATOR_PARAM,
  ESTIMATOR_BASELINE,
  ESTIMATOR_DIST,
  ESTIMATOR_STAT_WORDS,
  gaussianEstimatorScratch,
} from './api.js';
export { REMAT_OP, REMAT_TRACE_ERROR, REMAT_TRACE_OUT, REMAT_MEMORY } from './api.js';
