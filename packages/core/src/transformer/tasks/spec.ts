// A task as plain data, so a training cell can name its task in JSON (a worker thread, a BullMQ job on another
// machine) and every realm builds the same task from it. Built tasks are kept per realm: a worker trains many cells.
import { InvalidArgumentError } from '../../base/errors.js';
import type { TransformerTask } from '../api.js';
import { markovLmTask, MARKOV_LM_DEFAULTS } from './markov-lm.js';
import { mnistPatchesTask, MNIST_PATCH_SIDES, type MnistPatchSide } from './mnist-patches.js';

/** A task by its defining data. */
export type TransformerTaskSpec =
  | { kind: 'markov-lm'; vocab: number; order: number; sharpness: number; tableSeed: number }
  | { kind: 'mnist-patches'; patch: MnistPatchSide };

/** The kinds of {@link TransformerTaskSpec}. */
export const TASK_KINDS = ['markov-lm', 'mnist-patches'] as const;

/** The default spec of each kind (the language task's source: 16 letters, order 2, β = 2, table seed 17; MNIST in 7 × 7 patches). */
export function defaultTaskSpec(kind: TransformerTaskSpec['kind']): TransformerTaskSpec {
  if (kind === 'markov-lm') {
    const { vocab, order, sharpness, tableSeed } = MARKOV_LM_DEFAULTS;
    return { kind, vocab, order, sharpness, tableSeed };
  }
  return { kind: 'mnist-patches', patch: 7 };
}

const built = new Map<string, Promise<TransformerTask>>();

/**
 * The task a spec names (built once per realm and spec).
 * @throws InvalidArgumentError naming `task.kind` or the offending field.
 */
export function loadTask(spec: TransformerTaskSpec): Promise<TransformerTask> {
  const key = JSON.stringify(spec);
  let task = built.get(key);
  if (!task) {
    if (spec.kind === 'markov-lm') {
      const t = markovLmTask({ vocab: spec.vocab, order: spec.order, sharpness: spec.sharpness, tableSeed: spec.tableSeed, maxSeqLen: 1024 });
      task = Promise.resolve(t);
    } else if (spec.kind === 'mnist-patches') {
      if (!(MNIST_PATCH_SIDES as readonly number[]).includes(spec.patch)) throw new InvalidArgumentError('task.patch', spec.patch, `one of ${MNIST_PATCH_SIDES.join(', ')}`);
      task = mnistPatchesTask(spec.patch);
    } else throw new InvalidArgumentError('task.kind', (spec as { kind: unknown }).kind, `one of ${TASK_KINDS.join(', ')}`);
    built.set(key, task);
  }
  return task;
}
