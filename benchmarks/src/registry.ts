// Every suite, in run order. To add one: write src/suites/<name>.ts exporting a `Suite`, and add it here.
// `limits` must stay first: the other suites' ratios divide by its figures.
import type { Suite } from './suite.js';
import { limitsSuite } from './suites/limits.js';
import { matvecSuite } from './suites/matvec.js';
import { signgdSuite } from './suites/signgd.js';
import { gaussianSuite } from './suites/gaussian.js';
import { uniformSuite } from './suites/uniform.js';
import { rematSuite } from './suites/remat.js';
import { rematPlannerSuite } from './suites/remat-planner.js';
import { estimatorsSuite } from './suites/estimators.js';
import { trainingSuite } from './suites/training.js';

export const suites: readonly Suite[] = [limitsSuite, matvecSuite, signgdSuite, gaussianSuite, uniformSuite, rematSuite, rematPlannerSuite, estimatorsSuite, trainingSuite];
