export * as prng from './prng.js';
export * as gaussian from './gaussian.js';
export * as matvec from './matvec.js';
export * as signgd from './signgd.js';
export * as remat from './remat.js';
