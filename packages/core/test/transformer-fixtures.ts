// Small real tasks and shapes for the Transformer's tests (the lab's own tasks live in src/transformer/tasks).
import type { Rng } from '../src/base/rng.js';
import type { TransformerBatch, TransformerShape, TransformerTask } from '../src/transformer/api.js';

/**
 * Counting mod `vocab`: each sequence starts at a uniform token and then adds 1 (with probability 1 − noise) or a
 * uniform token (noise): learnable, with a known floor.
 */
export function countingTask(vocab: number, maxSeqLen = 64, noise = 0): TransformerTask {
  return {
    id: `counting-${vocab}`,
    input: { kind: 'tokens', vocab },
    outputs: vocab,
    maxSeqLen,
    readouts: ['every-position'],
    batch(rng: Rng, size: number, seqLen: number): TransformerBatch {
      const tokens = new Int32Array(size * (seqLen + 1));
      for (let b = 0; b < size; b++) {
        let t = rng.int(vocab);
        for (let i = 0; i <= seqLen; i++) {
          tokens[b * (seqLen + 1) + i] = t;
          t = noise > 0 && rng.uniform() < noise ? rng.int(vocab) : (t + 1) % vocab;
        }
      }
      return { size, tokens };
    },
  };
}

/** Sequences of Gaussian patches whose class is the sign pattern of the mean of the first coordinate (2 classes). */
export function patchTask(dim: number, maxSeqLen = 16): TransformerTask {
  return {
    id: `patches-${dim}`,
    input: { kind: 'patches', dim },
    outputs: 2,
    maxSeqLen,
    readouts: ['mean', 'last', 'every-position'],
    batch(rng: Rng, size: number, seqLen: number): TransformerBatch {
      const inputs = new Float32Array(size * seqLen * dim);
      const labels = new Int32Array(size);
      for (let b = 0; b < size; b++) {
        let s = 0;
        for (let i = 0; i < seqLen * dim; i++) {
          const v = Math.fround(rng.normal());
          inputs[b * seqLen * dim + i] = v;
          if (i % dim === 0) s += v;
        }
        labels[b] = s > 0 ? 1 : 0;
      }
      return { size, inputs, labels };
    },
  };
}

export const tinyShape = (over: Partial<TransformerShape> = {}): TransformerShape => ({
  seqLen: 4,
  width: 8,
  heads: 2,
  layers: 2,
  mlpRatio: 2,
  activation: 'gelu',
  causal: true,
  input: { kind: 'tokens', vocab: 5 },
  outputs: 5,
  readout: 'every-position',
  ...over,
});
