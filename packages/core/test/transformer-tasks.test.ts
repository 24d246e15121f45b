// The Transformer lab's tasks: the Markov text source (its table, stationary distribution and exact entropy rate — the
// loss floor — against the per-character NLL of text it generates), MNIST as patches, task specs, and bad input.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../src/base/errors.js';
import { Rng } from '../src/base/rng.js';
import { loadMnist } from '../src/mup/data.js';
import { markovLmTask, markovSource, sampleWindow, sourceNll, windowLossFloor, MARKOV_LM_DEFAULTS } from '../src/transformer/tasks/index.js';
import { loadTask, defaultTaskSpec } from '../src/transformer/tasks/spec.js';
import { mnistPatchesTask, patchesTaskOf } from '../src/transformer/tasks/mnist-patches.js';

function expectParam(run: () => unknown, param: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an InvalidArgumentError naming ${param}`).toBeInstanceOf(InvalidArgumentError);
  expect((caught as InvalidArgumentError).param).toBe(param);
}

describe('Markov text source', () => {
  it('has stochastic rows and a stationary distribution that the chain keeps', () => {
    for (const order of [1, 2, 3]) {
      const s = markovSource({ vocab: 6, order, sharpness: 2, tableSeed: 5 });
      const contexts = 6 ** order;
      for (let r = 0; r < contexts; r++) expect(s.table.subarray(r * 6, r * 6 + 6).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
      const next = new Float64Array(contexts);
      for (let c = 0; c < contexts; c++) for (let x = 0; x < 6; x++) next[(c * 6 + x) % contexts]! += s.stationary[c]! * s.table[c * 6 + x]!;
      for (let c = 0; c < contexts; c++) expect(Math.abs(next[c]! - s.stationary[c]!)).toBeLessThan(1e-14);
    }
  });

  it('is uniform at sharpness 0: entropy rate and every position floor are log V exactly', () => {
    const s = markovSource({ vocab: 10, order: 2, sharpness: 0, tableSeed: 1 });
    expect(s.entropyRate).toBeCloseTo(Math.log(10), 13);
    for (const h of s.positionEntropy) expect(h).toBeCloseTo(Math.log(10), 13);
    expect(windowLossFloor(s, 64)).toBeCloseTo(Math.log(10), 13);
  });

  it('the same options give the same table and floor, bit for bit; another table seed another table', () => {
    const a = markovSource({ vocab: 16, order: 2, sharpness: 2, tableSeed: 17 });
    const b = markovSource({ vocab: 16, order: 2, sharpness: 2, tableSeed: 17 });
    const c = markovSource({ vocab: 16, order: 2, sharpness: 2, tableSeed: 18 });
    expect(b.table).toEqual(a.table);
    expect(Object.is(a.entropyRate, b.entropyRate)).toBe(true);
    expect(c.entropyRate).not.toBe(a.entropyRate);
  });

  // The entropy rate is the mean of −log P(x_i | context) over stationary text. Windows are independent (each starts
  // from π), so the mean NLL per window is i.i.d. across windows: its standard error over windows is an honest one even
  // though characters inside a window are dependent. |z| < 4 fails a correct implementation with probability 6e-5.
  it.each([
    { vocab: 16, order: 2, sharpness: 2, tableSeed: 17 },
    { vocab: 4, order: 3, sharpness: 3, tableSeed: 2 },
    { vocab: 26, order: 1, sharpness: 1, tableSeed: 9 },
  ])('the per-character NLL of generated text matches the computed entropy rate within its standard error (%o)', (options) => {
    const s = markovSource(options);
    const rng = Rng.fromSeed(2024);
    const windows = 4000;
    const length = 64;
    const window = new Int32Array(length);
    let sum = 0;
    let sq = 0;
    for (let w = 0; w < windows; w++) {
      sampleWindow(s, rng, window, 0, length);
      const nll = sourceNll(s, window);
      const mean = nll.reduce((a, b) => a + b, 0) / nll.length;
      sum += mean;
      sq += mean * mean;
    }
    const mean = sum / windows;
    const stderr = Math.sqrt((sq / windows - mean * mean) / (windows - 1));
    expect(stderr).toBeGreaterThan(0);
    expect(Math.abs(mean - s.entropyRate) / stderr).toBeLessThan(4);
    // Power: the check tells the entropy rate apart from log V and from the first position's (marginal) entropy.
    expect(Math.abs(mean - Math.log(s.vocab)) / stderr).toBeGreaterThan(20);
  });

  it('the first position of a window has the stationary marginal entropy (generated text agrees)', () => {
    const s = markovSource({ vocab: 16, order: 2, sharpness: 2, tableSeed: 17 });
    const marginal = new Float64Array(16);
    for (let c = 0; c < 256; c++) marginal[Math.floor(c / 16)]! += s.stationary[c]!;
    const rng = Rng.fromSeed(3);
    const n = 20_000;
    const w = new Int32Array(3);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      sampleWindow(s, rng, w, 0, 3);
      const v = -Math.log(marginal[w[0]!]!);
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    const stderr = Math.sqrt((sq / n - mean * mean) / (n - 1));
    expect(Math.abs(mean - s.positionEntropy[0]!) / stderr).toBeLessThan(4);
    // Less context, more surprise: H(X0) ≥ H(X1|X0) ≥ H(X2|X0,X1) = entropy rate.
    expect(s.positionEntropy[0]!).toBeGreaterThan(s.positionEntropy[1]!);
    expect(s.positionEntropy[1]!).toBeGreaterThan(s.positionEntropy[2]!);
    expect(s.positionEntropy[2]).toBe(s.entropyRate);
    expect(windowLossFloor(s, 64)).toBeGreaterThan(s.entropyRate);
  });

  it('rejects bad options with typed errors naming the option', () => {
    expectParam(() => markovSource({ vocab: 1, order: 2, sharpness: 2, tableSeed: 1 }), 'vocab');
    expectParam(() => markovSource({ vocab: 27, order: 2, sharpness: 2, tableSeed: 1 }), 'vocab');
    expectParam(() => markovSource({ vocab: 8, order: 0, sharpness: 2, tableSeed: 1 }), 'order');
    expectParam(() => markovSource({ vocab: 8, order: 2, sharpness: Number.NaN, tableSeed: 1 }), 'sharpness');
    expectParam(() => markovSource({ vocab: 8, order: 2, sharpness: 1, tableSeed: -1 }), 'tableSeed');
  });
});

describe('language task', () => {
  it('hands out windows of seqLen + 1 tokens, the same for the same rng state', () => {
    const task = markovLmTask();
    expect(task.input).toEqual({ kind: 'tokens', vocab: 16 });
    expect(task.outputs).toBe(16);
    expect(task.lossFloor).toBe(task.source.entropyRate);
    const a = task.batch(Rng.fromSeed(8), 5, 32);
    const b = task.batch(Rng.fromSeed(8), 5, 32);
    expect(a.tokens).toHaveLength(5 * 33);
    expect(a.tokens).toEqual(b.tokens);
    expect(Math.max(...a.tokens!)).toBeLessThan(16);
    expect(Math.min(...a.tokens!)).toBeGreaterThanOrEqual(0);
  });

  it('refuses a window longer than its data, and bad sizes', () => {
    const task = markovLmTask({ ...MARKOV_LM_DEFAULTS, maxSeqLen: 64 });
    expectParam(() => task.batch(Rng.fromSeed(1), 2, 65), 'seqLen');
    expectParam(() => task.batch(Rng.fromSeed(1), 0, 8), 'size');
    expectParam(() => markovLmTask({ ...MARKOV_LM_DEFAULTS, maxSeqLen: 0 }), 'maxSeqLen');
  });
});

describe('MNIST as patches', () => {
  it('cuts each digit into (28/p)² patches that put back together give the digit', async () => {
    const data = await loadMnist();
    for (const patch of [4, 7, 14] as const) {
      const task = patchesTaskOf(data, patch);
      const positions = (28 / patch) ** 2;
      expect(task.maxSeqLen).toBe(positions);
      expect(task.input).toEqual({ kind: 'patches', dim: patch * patch });
      // Which digits the batch drew: the same draws the task makes.
      const rng = Rng.fromSeed(11);
      const rows = [rng.int(data.train.rows), rng.int(data.train.rows)];
      const batch = task.batch(Rng.fromSeed(11), 2, positions);
      rows.forEach((row, b) => {
        expect(batch.labels![b]).toBe(data.train.y[row]);
        const per = 28 / patch;
        for (let pos = 0; pos < positions; pos++)
          for (let r = 0; r < patch; r++)
            for (let c = 0; c < patch; c++) {
              const pixel = data.train.x[row * 784 + (Math.floor(pos / per) * patch + r) * 28 + (pos % per) * patch + c];
              expect(batch.inputs![(b * positions + pos) * patch * patch + r * patch + c]).toBe(pixel);
            }
      });
    }
  });

  it('refuses a patch side that does not tile the digit and a sequence length other than its patch count', async () => {
    await expect(mnistPatchesTask(5 as 7)).rejects.toMatchObject({ param: 'patch' });
    const task = await mnistPatchesTask(7);
    expectParam(() => task.batch(Rng.fromSeed(1), 2, 17), 'seqLen');
  });
});

describe('task specs', () => {
  it('build the same task in any realm, once', async () => {
    const spec = defaultTaskSpec('markov-lm');
    const [a, b] = await Promise.all([loadTask(spec), loadTask({ ...spec })]);
    expect(a).toBe(b);
    expect(a.lossFloor).toBe(markovLmTask().lossFloor);
    expect((await loadTask(defaultTaskSpec('mnist-patches'))).maxSeqLen).toBe(16);
    expectParam(() => loadTask({ kind: 'text8' } as never), 'task.kind');
  });
});
