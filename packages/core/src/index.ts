// The curated root entry: every layer's public names. Each layer is also its own entry (`@hw3/core/base`, `/stats`,
// `/mup`, `/estimators`, `/planner`, `/lab`, `/experiments`, `/claims`, `/report`, `/calibration`), for a caller that
// wants only that layer (a browser page that must not load the experiments, say).
export * from './base/index.js';
export * from './stats/index.js';
export * from './mup/index.js';
export * from './estimators/index.js';
export * from './planner/index.js';
export * from './transformer/index.js';
export * from './lab/index.js';
export * from './experiments/index.js';
export * from './claims/index.js';
export * from './calibration/index.js';
export * from './report/index.js';
