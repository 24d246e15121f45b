// The f64 reference Transformer's gradients against central finite differences of its own loss, for every element
// of every tensor, on tiny shapes covering both inputs, all readouts, both activations, causal and not, SP and μP.
//
// Tolerance: with step h, the central difference of a smooth f has error h²/6·|f‴| (truncation) + ~2ε|f|/h (f64
// rounding of the two losses, ε = 2⁻⁵³). With h = 1e-5, |f| ≈ 2 (cross-entropy of 5 classes) and |f‴| = O(1–100) on
// these tiny shapes (weights O(1), LayerNorm over 8 coordinates), the bound is ≈ 2e-9 + 4e-11 absolute. We allow
// |g − fd| ≤ 1e-7·max(|g|, |fd|) + 1e-8, fifty times the bound; a wrong sign, factor or missing term is off by O(|g|).
// ReLU's kink: a pre-activation within h of 0 would break the check; with Gaussian pre-activations of scale ~1 that
// has probability ~1e-5 per unit, and these seeds have none (the test would say which element failed).
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/base/rng.js';
import type { TransformerShape, TransformerTask } from '../src/transformer/api.js';
import { TransformerNetwork } from '../src/transformer/network.js';
import { planTransformer } from '../src/transformer/plan.js';
import { referenceOps } from '../src/transformer/reference/ops.js';
import { checkParameterization, checkShape } from '../src/transformer/validate.js';
import { countingTask, patchTask, tinyShape } from './transformer-fixtures.js';

const H = 1e-5;

function build(shape: TransformerShape, id: 'sp' | 'mup', task: TransformerTask, seed: number) {
  const s = checkShape(shape);
  const plan = planTransformer(s, checkParameterization({ id, baseWidth: 4 }, s));
  const batchSize = 3;
  const net = new TransformerNetwork(s, plan, referenceOps('f64'), batchSize, { kind: 'sgd', lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum: 0 });
  const rng = Rng.fromSeed(seed);
  net.initialize(rng);
  // Move every tensor off its init (LayerNorm gains 1, biases 0) so no gradient is checked only at a special point.
  for (const p of plan.tensors) {
    const w = net.read(p.name);
    net.write(p.name, w.map((v) => v + 0.3 * rng.normal()));
  }
  net.setBatch(task.batch(rng, batchSize, s.seqLen));
  return { net, plan };
}

function check(shape: TransformerShape, id: 'sp' | 'mup', task: TransformerTask, seed: number) {
  const { net, plan } = build(shape, id, task, seed);
  net.forward();
  net.backward();
  let worst = 0;
  let checked = 0;
  for (const p of plan.tensors) {
    const g = net.read(p.name, 'g');
    const w = net.read(p.name);
    for (let i = 0; i < w.length; i++) {
      const orig = w[i]!;
      w[i] = orig + H;
      net.write(p.name, w);
      const up = net.forward();
      w[i] = orig - H;
      net.write(p.name, w);
      const down = net.forward();
      w[i] = orig;
      net.write(p.name, w);
      const fd = (up - down) / (2 * H);
      const err = Math.abs(g[i]! - fd);
      const allowed = 1e-7 * Math.max(Math.abs(g[i]!), Math.abs(fd)) + 1e-8;
      if (!(err <= allowed)) throw new Error(`${p.name}[${i}]: analytic ${g[i]} vs finite difference ${fd} (|Δ| ${err} > ${allowed})`);
      worst = Math.max(worst, err / (Math.max(Math.abs(g[i]!), Math.abs(fd)) + 1e-12));
      checked++;
    }
  }
  net.free();
  return { worst, checked };
}

describe('Transformer reference gradients vs central finite differences (f64)', () => {
  it('tokens, next-token readout, GELU, causal, μP (every element of every tensor)', () => {
    const { checked } = check(tinyShape(), 'mup', countingTask(5, 8, 0.3), 1);
    expect(checked).toBeGreaterThan(900);
  });
  it('tokens, SP, ReLU, not causal', () => {
    check(tinyShape({ activation: 'relu', causal: false }), 'sp', countingTask(5, 8, 0.3), 2);
  });
  it('patches, mean readout, one head', () => {
    check(tinyShape({ input: { kind: 'patches', dim: 3 }, outputs: 2, readout: 'mean', heads: 1, causal: false }), 'mup', patchTask(3), 3);
  });
  it('patches, last readout, four heads, one layer, SP', () => {
    check(tinyShape({ input: { kind: 'patches', dim: 3 }, outputs: 2, readout: 'last', heads: 4, layers: 1 }), 'sp', patchTask(3), 4);
  });
});
