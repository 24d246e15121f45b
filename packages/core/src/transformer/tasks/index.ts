export { markovSource, sampleWindow, sourceNll, windowLossFloor, MARKOV_LETTERS, type MarkovSource, type MarkovSourceOptions } from './markov-source.js';
export { markovLmTask, MARKOV_LM_DEFAULTS, type MarkovLmOptions, type MarkovLmTask } from './markov-lm.js';
export { mnistPatchesTask, patchesTaskOf, MNIST_PATCH_SIDES, type MnistPatchSide, type MnistPatchesTask } from './mnist-patches.js';
export { loadTask, defaultTaskSpec, TASK_KINDS, type TransformerTaskSpec } from './spec.js';
