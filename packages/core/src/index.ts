export * from './base/index.js';
export * from './experiments/index.js';
export * from './estimators/index.js';
export * from './claims/index.js';
export * from './mup/index.js';
export * from './planner/index.js';
export * from './calibration/index.js';
export * from './report/index.js';
