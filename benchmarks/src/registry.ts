// Every suite, in run order. To add one: write src/suites/<name>.ts exporting a `Suite`, and add it here.
// The machine's limits (limits.ts) are measured before any suite and again after the last.
import type { Suite } from './suite.js';
import { matvecSuite } from './suites/matvec.js';
import { signgdSuite } from './suites/signgd.js';
import { gaussianSuite } from './suites/gaussian.js';
import { uniformSuite } from './suites/uniform.js';
import { rematSuite } from './suites/remat.js';
import { rematPlannerSuite } from './suites/remat-planner.js';
import { estimatorsSuite } from './suites/estimators.js';
import { trainingSuite } from './suites/training.js';
import { trainingPartsSuite } from './suites/training-parts.js';
import { transformerSuite } from './suites/transformer.js';

export const suites: readonly Suite[] = [matvecSuite, signgdSuite, gaussianSuite, uniformSuite, rematSuite, rematPlannerSuite, estimatorsSuite, trainingSuite, trainingPartsSuite, transformerSuite];
