// The Transformer with two kernel threads gives the one-thread bits: its matrix products (split by output columns)
// and Adam/SGD (split by elements) run on two threads, its small ops on this thread on the same shared memory.
// Shapes are chosen so that the splits happen: width 256 puts every projection (64 rows × 256 × 256) past the GEMM
// split threshold and the MLP matrices (1024 × 256 = 262 144 weights) past the optimizer's.
// Needs the built worker script (dist/base/kernel-thread.js): `npm run build` first, as for kernel-threads.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../src/base/errors.js';
import { closeKernelThreads, kernelThreads } from '../src/base/kernel-threads.js';
import { createRng } from '../src/base/rng.js';
import { checkTransformerCell, runTransformerCell, type TransformerCell } from '../src/experiments/transformer-cell.js';
import type { TransformerShape } from '../src/transformer/api.js';
import { TransformerModel } from '../src/transformer/model.js';
import { defaultTaskSpec } from '../src/transformer/tasks/spec.js';
import { trainTransformer } from '../src/transformer/train.js';
import { countingTask, patchTask } from './transformer-fixtures.js';

afterAll(async () => {
  await closeKernelThreads();
});

/** The first index where a and b differ in bits (f64 copies of f32 values: exact), or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  const [x, y] = [new BigUint64Array(a.buffer), new BigUint64Array(b.buffer)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

const VOCAB = 16;
const tokenShape: TransformerShape = {
  seqLen: 16, width: 256, heads: 4, layers: 1, mlpRatio: 4, activation: 'gelu', causal: true,
  input: { kind: 'tokens', vocab: VOCAB }, outputs: VOCAB, readout: 'every-position',
};
const patchShape: TransformerShape = {
  seqLen: 16, width: 256, heads: 4, layers: 1, mlpRatio: 4, activation: 'gelu', causal: false,
  input: { kind: 'patches', dim: 49 }, outputs: 2, readout: 'mean',
};

describe('a Transformer with threads 2 gives the one-thread bits', () => {
  const cases = [
    { label: 'tokens, causal, every position, Adam', shape: tokenShape, task: countingTask(VOCAB, 64, 0.2), optimizer: { optimizer: 'adam', lr: 1e-3 } as const },
    { label: 'patches, mean readout, SGD with momentum', shape: patchShape, task: patchTask(49), optimizer: { optimizer: 'sgd', lr: 0.05, momentum: 0.9 } as const },
  ];
  for (const { label, shape, task, optimizer } of cases) {
    it(`TransformerModel (${label}): 3 steps of batch 4 end with the same losses, weights and gradients`, () => {
      const models = ([1, 2] as const).map((threads) => new TransformerModel(shape, { id: 'mup', baseWidth: 64 }, optimizer, 4, threads));
      try {
        expect(models.map((m) => m.threads)).toEqual([1, 2]);
        const losses = models.map((model) => {
          model.initialize(createRng(5));
          const data = createRng(6);
          return Array.from({ length: 3 }, () => {
            model.setBatch(task.batch(data, 4, shape.seqLen));
            return model.trainStep();
          });
        });
        expect(losses[1]).toEqual(losses[0]);
        for (const t of models[0]!.plan.tensors) {
          for (const what of ['w', 'g'] as const) expect(firstDifference(models[1]!.read(t.name, what), models[0]!.read(t.name, what)), `${t.name}.${what}`).toBe(-1);
        }
      } finally {
        for (const m of models) m.free();
      }
    });
  }

  it('trainTransformer: the same losses and coordinates with threads 1 and 2; the result says which ran; nothing leaks', async () => {
    const options = { optimizer: 'adam', lr: 2 ** -8, steps: 4, batchSize: 4, seed: 9, coords: true } as const;
    const parameterization = { id: 'sp', baseWidth: 64 } as const;
    const one = await trainTransformer(tokenShape, parameterization, countingTask(VOCAB, 64, 0.2), options);
    const two = await trainTransformer(tokenShape, parameterization, countingTask(VOCAB, 64, 0.2), { ...options, threads: 2 });
    expect([one.threads, two.threads]).toEqual([1, 2]);
    expect(firstDifference(two.losses, one.losses)).toBe(-1);
    expect(two.coords).toEqual(one.coords);
    expect(two.diverged).toBe(false);
    // The run frees its buffers in the shared memory (the kernel thread's own scratch stays for the next call).
    const live = kernelThreads().liveBytes;
    await trainTransformer(tokenShape, parameterization, countingTask(VOCAB, 64, 0.2), { ...options, threads: 2 });
    expect(kernelThreads().liveBytes).toBe(live);
  });

  it('a sweep cell: the same result with threads 1 and 2 (the result does not say how many ran)', async () => {
    const cell: TransformerCell = {
      kind: 'transformer', task: defaultTaskSpec('markov-lm'), shape: { ...tokenShape, seqLen: 8 }, parameterization: { id: 'mup', baseWidth: 64 },
      optimizer: 'adam', lr: 2 ** -7, steps: 3, batchSize: 4, seed: 2,
    };
    const one = await runTransformerCell(cell);
    const two = await runTransformerCell({ ...cell, threads: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.finalLoss).not.toBeNull();
  });
});

describe('threads at the boundary', () => {
  const task = countingTask(VOCAB, 64);
  const small: TransformerShape = { ...tokenShape, width: 16, heads: 2 };
  const options = { optimizer: 'adam', lr: 1e-3, steps: 1, batchSize: 2, seed: 1 } as const;

  it('threads other than 1 or 2 is an InvalidArgumentError naming threads, the value and what is allowed', async () => {
    for (const threads of [0, 3, 1.5, '2']) {
      await expect(trainTransformer(small, { id: 'sp', baseWidth: 16 }, task, { ...options, threads: threads as 2 })).rejects.toThrow(InvalidArgumentError);
    }
    await expect(trainTransformer(small, { id: 'sp', baseWidth: 16 }, task, { ...options, threads: 3 as 2 })).rejects.toThrow(/threads must be 1 or 2, got 3/);
    expect(() => new TransformerModel(small, { id: 'sp', baseWidth: 16 }, { optimizer: 'adam', lr: 1e-3 }, 2, 4 as 2)).toThrow(/threads must be 1 or 2, got 4/);
    const cell = { kind: 'transformer', task: defaultTaskSpec('markov-lm'), shape: small, parameterization: { id: 'sp', baseWidth: 16 }, optimizer: 'adam', lr: 1e-3, steps: 1, batchSize: 2, seed: 1, threads: 3 };
    expect(() => checkTransformerCell(cell as unknown as TransformerCell)).toThrow(/threads must be 1 or 2, got 3/);
  });

  it('threads 2 with the reference engine is refused (it runs on one thread)', async () => {
    await expect(trainTransformer(small, { id: 'sp', baseWidth: 16 }, task, { ...options, engine: 'reference', threads: 2 })).rejects.toThrow(/threads must be 1 with engine "reference" .*, got 2/);
  });
});
