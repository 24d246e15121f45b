// The trainer: bad input → typed errors naming the parameter; same seed → same bits; μP = SP bit for bit at the base
// width; the WebAssembly engine against the f32 reference on a whole training run; learning happens; cancellation.
import { describe, expect, it } from 'vitest';
import { CancelledError, InvalidArgumentError } from '../src/base/errors.js';
import type { TransformerShape, TransformerTrainOptions } from '../src/transformer/api.js';
import { trainTransformer } from '../src/transformer/train.js';
import { countingTask, patchTask, tinyShape } from './transformer-fixtures.js';

const task = countingTask(5, 16);
const opts = (over: Partial<TransformerTrainOptions> = {}): TransformerTrainOptions => ({ optimizer: 'adam', lr: 0.01, steps: 4, batchSize: 3, seed: 7, ...over });
const bits = (a: Float64Array) => Array.from(new BigUint64Array(a.buffer));

async function rejects(shape: TransformerShape, param: string, over: Partial<TransformerTrainOptions> = {}, baseWidth = 8, t = task) {
  const error = await trainTransformer(shape, { id: 'mup', baseWidth }, t, opts(over)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).param).toBe(param);
  return error as InvalidArgumentError;
}

describe('trainTransformer: bad input', () => {
  it('width not divisible by heads, zero heads, sequence longer than the data', async () => {
    expect((await rejects(tinyShape({ width: 10, heads: 4 }), 'width')).message).toMatch(/multiple of heads = 4/);
    expect((await rejects(tinyShape({ heads: 0 }), 'heads')).message).toMatch(/at least one/);
    expect((await rejects(tinyShape({ seqLen: 17 }), 'seqLen')).message).toMatch(/at most 16/);
    await rejects(tinyShape(), 'baseWidth', {}, 5);
  });
  it('shape fields against the task, and training options', async () => {
    await rejects(tinyShape({ input: { kind: 'tokens', vocab: 6 }, outputs: 6 }), 'input.vocab');
    await rejects(tinyShape({ outputs: 4 }), 'outputs');
    await rejects(tinyShape({ readout: 'mean' }), 'readout');
    await rejects(tinyShape({ input: { kind: 'patches', dim: 3 } }), 'input.kind');
    await rejects(tinyShape({ activation: 'tanh' as 'relu' }), 'activation');
    await rejects(tinyShape(), 'lr', { lr: 0 });
    await rejects(tinyShape(), 'lr', { lr: Number.NaN });
    await rejects(tinyShape(), 'optimizer', { optimizer: 'signgd' as 'adam' });
    await rejects(tinyShape(), 'steps', { steps: 0 });
    await rejects(tinyShape(), 'batchSize', { batchSize: 1.5 });
    await rejects(tinyShape(), 'engine', { engine: 'gpu' as 'wasm' });
    await rejects(tinyShape({ input: { kind: 'patches', dim: 3 }, outputs: 2, readout: 'mean' }), 'input.dim', {}, 8, patchTask(4));
  });
});

describe('trainTransformer: reproducibility and the base-width identity', () => {
  it('same seed → same bits; another seed → different losses', async () => {
    const a = await trainTransformer(tinyShape(), { id: 'mup', baseWidth: 4 }, task, opts());
    const b = await trainTransformer(tinyShape(), { id: 'mup', baseWidth: 4 }, task, opts());
    const c = await trainTransformer(tinyShape(), { id: 'mup', baseWidth: 4 }, task, opts({ seed: 8 }));
    expect(bits(a.losses)).toEqual(bits(b.losses));
    expect(bits(a.losses)).not.toEqual(bits(c.losses));
  });
  for (const optimizer of ['adam', 'sgd'] as const) {
    it(`μP = SP bit for bit at the base width (${optimizer}, coords included); they differ off it`, async () => {
      const at = (id: 'sp' | 'mup', width: number) =>
        trainTransformer(tinyShape({ width }), { id, baseWidth: 8 }, task, opts({ optimizer, lr: 0.05, steps: 5, coords: true }));
      const [sp, mup] = await Promise.all([at('sp', 8), at('mup', 8)]);
      expect(bits(mup.losses)).toEqual(bits(sp.losses));
      expect(mup.coords).toEqual(sp.coords);
      const [sp16, mup16] = await Promise.all([at('sp', 16), at('mup', 16)]);
      expect(bits(mup16.losses)).not.toEqual(bits(sp16.losses));
    });
  }
});

describe('trainTransformer: engines and learning', () => {
  // The kernels do the reference's operations in the same order; exp, log and tanh are the only places they could
  // part (AssemblyScript's Math vs the fdlibm ports: at most 1 ulp by construction). On these fixed seeds every f32
  // value agrees exactly (the coordinate RMS of every group at every step is equal), and the f64 losses differ only
  // in the last bits of the cross-entropy's own f64 exp/log (≤ 1e-14 relative; one f32 ulp anywhere upstream would
  // move them by ~1e-7). Deterministic: fixed seeds, not a statistical check.
  for (const [label, shape, t] of [
    ['tokens, GELU, causal', tinyShape({ width: 16, heads: 4, seqLen: 6 }), task],
    ['tokens, ReLU, not causal', tinyShape({ width: 16, heads: 4, seqLen: 6, activation: 'relu', causal: false }), task],
    ['patches, mean readout', tinyShape({ width: 12, heads: 3, input: { kind: 'patches', dim: 3 }, outputs: 2, readout: 'mean' }), patchTask(3)],
    ['patches, last readout, SGD', tinyShape({ input: { kind: 'patches', dim: 5 }, outputs: 2, readout: 'last' }), patchTask(5)],
  ] as const) {
    it(`WebAssembly engine = f32 reference over 6 steps: every f32 bit, losses to 1e-14 (${label})`, async () => {
      const o = opts({ steps: 6, coords: true, ...(label.endsWith('SGD') ? { optimizer: 'sgd' as const, lr: 0.1, momentum: 0.9 } : {}) });
      const p = { id: 'mup', baseWidth: shape.heads * 2 } as const;
      const w = await trainTransformer(shape, p, t, { ...o, engine: 'wasm' });
      const r = await trainTransformer(shape, p, t, { ...o, engine: 'reference' });
      for (let i = 0; i < 6; i++) expect(Math.abs(w.losses[i]! - r.losses[i]!)).toBeLessThanOrEqual(1e-14 * r.losses[i]!);
      expect(w.coords).toEqual(r.coords);
    });
  }
  it('learns to count (loss falls well below ln 5) and records coordinates every step', async () => {
    const shape = tinyShape({ width: 32, heads: 4, seqLen: 8 });
    const res = await trainTransformer(shape, { id: 'mup', baseWidth: 32 }, countingTask(5, 16), opts({ steps: 60, batchSize: 8, lr: 0.01, coords: true }));
    expect(res.diverged).toBe(false);
    expect(res.losses.length).toBe(60);
    expect(res.losses[0]!).toBeGreaterThan(1);
    // The first position cannot be predicted (uniform start, then counting from it): floor ≈ ln5/8 ≈ 0.2.
    expect(res.losses[59]!).toBeLessThan(0.6);
    expect(Object.keys(res.coords![0]!.rms).sort()).toEqual(['attn.0', 'attn.1', 'block.0', 'block.1', 'embedding', 'logits', 'mlp.0', 'mlp.1']);
  });
  it('a huge learning rate diverges and stops there, recorded', async () => {
    const res = await trainTransformer(tinyShape(), { id: 'sp', baseWidth: 8 }, task, opts({ optimizer: 'sgd', lr: 1e30, steps: 20 }));
    expect(res.diverged).toBe(true);
    expect(res.losses.length).toBe(res.divergedAtStep);
  });
  it('an aborted signal stops the run with the partial result', async () => {
    const controller = new AbortController();
    const error = await trainTransformer(tinyShape(), { id: 'mup', baseWidth: 8 }, task, opts({
      steps: 1000,
      signal: controller.signal,
      onStep: (step) => step === 3 && controller.abort(),
    })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(((error as CancelledError).partial as { losses: Float64Array }).losses.length).toBe(3);
  });
});
