// SP and μP for the Transformer as data: the per-role numbers the plan gives at twice the base width, the attention
// scale, the init drawn by the model, and the coord check across widths (microsoft/mup's test: under Adam, SP's logits
// grow ∝ width after an update while μP's stay Θ(1)).
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/base/rng.js';
import { MemoryLimitError } from '../src/base/errors.js';
import { fillNormal } from '../src/base/random-fills.js';
import { memoryUsage } from '../src/base/runtime.js';
import { TransformerModel, transformerMemoryBytes, transformerStepFlops } from '../src/transformer/model.js';
import { planTransformer } from '../src/transformer/plan.js';
import { trainTransformer } from '../src/transformer/train.js';
import { checkParameterization, checkShape } from '../src/transformer/validate.js';
import { countingTask, patchTask, tinyShape } from './transformer-fixtures.js';

const plan = (id: 'sp' | 'mup', width: number, baseWidth = 8) => {
  const s = checkShape(tinyShape({ width, heads: 2 }));
  return planTransformer(s, checkParameterization({ id, baseWidth }, s));
};
const byRole = (p: ReturnType<typeof plan>, role: string) => p.tensors.find((t) => t.role === role)!;

describe('Transformer parameterization tables', () => {
  it('μP at width 2·base: hidden Adam LR ½, vector-like Adam LR 1 and SGD LR 2, readout ×½ with Adam LR 1, attention 1/d_head', () => {
    const p = plan('mup', 16);
    for (const role of ['attn-q', 'attn-k', 'attn-v', 'attn-o', 'mlp-in', 'mlp-out']) {
      const t = byRole(p, role);
      expect([t.adamLr, t.sgdLr, t.multiplier]).toEqual([0.5, 1, 1]);
      expect(t.initStd).toBeCloseTo(1 / Math.sqrt(t.fanIn), 15);
    }
    for (const role of ['embedding', 'positional', 'ln-gain', 'ln-bias']) {
      const t = byRole(p, role);
      expect([t.adamLr, t.sgdLr, t.multiplier]).toEqual([1, 2, 1]);
    }
    expect(byRole(p, 'embedding').initStd).toBe(1);
    expect(byRole(p, 'ln-gain').init).toBe('ones');
    expect(byRole(p, 'ln-bias').init).toBe('zeros');
    const r = byRole(p, 'readout');
    expect([r.adamLr, r.sgdLr, r.multiplier]).toEqual([1, 2, 0.5]);
    expect(r.initStd).toBeCloseTo(1 / Math.sqrt(8), 15);
    // d_head 8 at width 16 (base d_head 4): (1/√4)·(4/8) = 1/d_head·√(d_head,base)… = 0.25.
    expect(p.attentionScale).toBe(0.25);
  });
  it('SP at width 2·base: one LR, no multipliers, init 1/fan_in, attention 1/√d_head', () => {
    const p = plan('sp', 16);
    for (const t of p.tensors) expect([t.adamLr, t.sgdLr, t.multiplier]).toEqual([1, 1, 1]);
    expect(byRole(p, 'readout').initStd).toBeCloseTo(1 / 4, 15);
    expect(p.attentionScale).toBeCloseTo(1 / Math.sqrt(8), 15);
  });
  it('at the base width both tables give the same numbers exactly (zero-init options apply to both)', () => {
    expect(plan('mup', 8)).toEqual(plan('sp', 8));
    const s = checkShape(tinyShape());
    const z = planTransformer(s, checkParameterization({ id: 'mup', baseWidth: 8, zeroQuery: true, zeroReadout: true }, s));
    expect(z.tensors.filter((t) => t.init === 'zeros' && t.role !== 'ln-bias').map((t) => t.role)).toEqual(['attn-q', 'attn-q', 'readout']);
  });
  it('the model draws each Gaussian tensor with its planned std (sample std within 5σ)', () => {
    const shape = tinyShape({ width: 64, heads: 4, layers: 1 });
    const m = new TransformerModel(shape, { id: 'mup', baseWidth: 16 }, { optimizer: 'adam', lr: 1e-3 }, 2);
    m.initialize(Rng.fromSeed(3));
    for (const t of m.plan.tensors.filter((x) => x.init === 'normal')) {
      const w = m.read(t.name);
      const sd = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
      // The sample RMS of n normals has relative standard error ≈ 1/√(2n).
      expect(Math.abs(sd / t.initStd - 1)).toBeLessThan(5 / Math.sqrt(2 * w.length));
    }
    m.free();
  });
  it('matrix-product flops of a step: 3 × forward, by hand for the tiny shape', () => {
    // N = 2·4 = 8 rows, d = 8, f = 16: per block 4·2·8·64 + 2·2·8·8·16 + 2·2·2·16·8 = 4096 + 4096 + 1024; readout 2·8·8·5.
    expect(transformerStepFlops(tinyShape(), 2)).toBe(3 * (2 * (4096 + 4096 + 1024) + 640));
  });
});

describe('coord check across widths (Adam, zero-initialised readout, 2 updates)', () => {
  // log₂ RMS of the logits at step 3 against log₂ width over widths 32…256 (base 32): the least-squares slope is ≈ 1
  // under SP (an Adam step moves every readout entry by ~η, so Δlogits ∝ η·n) and ≈ 0 under μP (readout ×1/ñ).
  // Measured over seeds 1–5: SP 0.83–1.05 (mean 0.91, sd 0.09), μP −0.21…−0.15 (the 1/√n finite-width drift of the
  // LayerNorm'd features' alignment). The check decides between the two laws at the midpoint 0.5: > 4 sd from either.
  const widths = [32, 64, 128, 256];
  const slope = async (id: 'sp' | 'mup', seed: number) => {
    const ys: number[] = [];
    for (const width of widths) {
      const r = await trainTransformer(
        tinyShape({ seqLen: 8, width, heads: 4, mlpRatio: 4, input: { kind: 'tokens', vocab: 16 }, outputs: 16 }),
        { id, baseWidth: 32, zeroReadout: true },
        countingTask(16, 8),
        { optimizer: 'adam', lr: 0.01, steps: 3, batchSize: 8, seed, coords: true },
      );
      ys.push(Math.log2(r.coords![2]!.rms.logits!));
    }
    const xs = widths.map(Math.log2);
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    return xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  };
  for (const seed of [1, 2]) {
    it(`seed ${seed}: SP logits slope nearer 1, μP nearer 0`, async () => {
      expect(await slope('sp', seed)).toBeGreaterThan(0.5);
      expect(Math.abs(await slope('mup', seed))).toBeLessThan(0.5);
    });
  }
});

describe('memory', () => {
  it('transformerMemoryBytes is what a model takes (live bytes after construction and one step)', () => {
    for (const [shape, optimizer, B] of [
      [tinyShape({ width: 32, heads: 4 }), 'adam', 3],
      [tinyShape({ input: { kind: 'patches', dim: 5 }, outputs: 2, readout: 'mean', width: 16 }), 'sgd', 4],
    ] as const) {
      fillNormal(new Float32Array(4), { rng: Rng.fromSeed(0) }); // the generator's own 32-byte state slot, once
      const before = memoryUsage().liveBytes;
      const m = new TransformerModel(shape, { id: 'sp', baseWidth: 8 }, { optimizer, lr: 1e-3 }, B);
      m.initialize(Rng.fromSeed(1));
      const t = shape.input.kind === 'tokens' ? countingTask(5, 8) : patchTask(5);
      m.setBatch(t.batch(Rng.fromSeed(2), B, shape.seqLen));
      m.trainStep();
      expect(memoryUsage().liveBytes - before).toBe(transformerMemoryBytes(shape, B, optimizer));
      m.free();
      expect(memoryUsage().liveBytes).toBe(before);
    }
  });
  it('a model too large for WebAssembly memory is a MemoryLimitError, and nothing leaks', async () => {
    // A 65536 × 8192 embedding alone is 2 GiB: refused before anything grows (a model that fails later, tensor by
    // tensor, takes the same path — every buffer allocated so far is freed — but first commits 2 GiB, slowly).
    const wide = tinyShape({ width: 8192, heads: 64, layers: 1, input: { kind: 'tokens', vocab: 65536 }, outputs: 65536 });
    expect(transformerMemoryBytes(wide, 1, 'adam')).toBeGreaterThan(memoryUsage().maxBytes);
    const before = memoryUsage().liveBytes;
    const error = await trainTransformer(wide, { id: 'mup', baseWidth: 256 }, countingTask(65536, 8), { optimizer: 'adam', lr: 1e-3, steps: 1, batchSize: 1, seed: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoryLimitError);
    expect(memoryUsage().liveBytes).toBe(before);
    // The engine still works afterwards.
    const ok = await trainTransformer(tinyShape(), { id: 'mup', baseWidth: 8 }, countingTask(5, 8), { optimizer: 'adam', lr: 1e-3, steps: 2, batchSize: 2, seed: 1 });
    expect(ok.diverged).toBe(false);
  });
});
