// The pre-LN Transformer's forward pass, backward pass and optimizer step, written once over TransformerOps so the
// reference (f64/f32) and the WebAssembly backend run the same operations in the same order. Arguments are trusted
// (validated by the trainer). Layout: activations row-major (rows = batch·seqLen) × features; weights (fan_out × fan_in).
//   x₀ = α_E·embed(input) + P;  per block: a = LN₁(x), q,k,v = a·W_{q,k,v}ᵀ, y = attention(q, k, v), x += y·W_oᵀ,
//   c = LN₂(x), u = c·W_inᵀ, x += act(u)·W_outᵀ;  h = LN_f(x), logits = α_R·pool(h)·W_Rᵀ, loss = mean cross-entropy.
import { fillNormal } from '../base/random-fills.js';
import type { Rng } from '../base/rng.js';
import { powDet } from '../libm/index.js';
import type { TransformerBatch, TransformerShape } from './api.js';
import type { TransformerOps } from './ops.js';
import { blockTensorNames, type TransformerPlan, type TransformerTensorPlan } from './plan.js';

/** Optimizer settings, filled in. */
export interface NetworkOptimizer {
  kind: 'adam' | 'sgd';
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  momentum: number;
}

interface Param<B> {
  plan: TransformerTensorPlan;
  size: number;
  w: B;
  g: B;
  m?: B;
  v?: B;
}

interface BlockActs<B> {
  xIn: B;
  a: B;
  mean1: B;
  rstd1: B;
  qh: B;
  kh: B;
  vh: B;
  P: B;
  y: B;
  xMid: B;
  c: B;
  mean2: B;
  rstd2: B;
  u: B;
  z: B;
}

export class TransformerNetwork<B, I> {
  readonly params = new Map<string, Param<B>>();
  #buffers: B[] = [];
  #acts: BlockActs<B>[] = [];
  #s: Record<string, B> = {};
  #tokens: I | undefined;
  #labels: I | undefined;
  #batch = 0;
  #stride = 0;
  #t = 0;

  constructor(
    readonly shape: TransformerShape,
    readonly plan: TransformerPlan,
    readonly ops: TransformerOps<B, I>,
    readonly maxBatch: number,
    readonly optimizer: NetworkOptimizer,
  ) {
    const { seqLen: T, width: d, heads, layers, outputs } = shape;
    const f = plan.hidden;
    const rows = maxBatch * T;
    const buf = (n: number) => {
      const b = ops.alloc(n);
      this.#buffers.push(b);
      return b;
    };
    try {
      for (const p of plan.tensors) {
        const size = p.rows * p.cols;
        const param: Param<B> = { plan: p, size, w: buf(size), g: buf(size) };
        if (optimizer.kind === 'adam' || optimizer.momentum > 0) param.m = buf(size);
        if (optimizer.kind === 'adam') param.v = buf(size);
        this.params.set(p.name, param);
      }
      for (let l = 0; l < layers; l++) {
        this.#acts.push({
          xIn: buf(rows * d), a: buf(rows * d), mean1: buf(rows), rstd1: buf(rows),
          qh: buf(rows * d), kh: buf(rows * d), vh: buf(rows * d), P: buf(maxBatch * heads * T * T), y: buf(rows * d),
          xMid: buf(rows * d), c: buf(rows * d), mean2: buf(rows), rstd2: buf(rows), u: buf(rows * f), z: buf(rows * f),
        });
      }
      const pooled = shape.readout !== 'every-position';
      const predRows = pooled ? maxBatch : rows;
      const inputDim = shape.input.kind === 'patches' ? shape.input.dim : 1;
      for (const [name, n] of Object.entries({
        xL: rows * d, hF: rows * d, meanF: rows, rstdF: rows, r: maxBatch * d, logits: predRows * outputs, dlogits: predRows * outputs,
        inputs: rows * inputDim, q: rows * d, k: rows * d, v: rows * d, yh: rows * d, o: rows * d, mm: rows * d,
        dres: rows * d, dhF: rows * d, dr: maxBatch * d, da: rows * d, dq: rows * d, dk: rows * d, dv: rows * d, dy: rows * d,
        dyh: rows * d, dqh: rows * d, dkh: rows * d, dvh: rows * d, dP: maxBatch * heads * T * T, dz: rows * f, du: rows * f, dc: rows * d,
      })) {
        this.#s[name] = buf(n);
      }
      this.#tokens = ops.allocInts(maxBatch * (T + 1));
      this.#labels = ops.allocInts(predRows);
    } catch (error) {
      this.free();
      throw error;
    }
  }

  /** Draws every tensor in plan order: Gaussian ones from `rng` (in the backend's precision), LayerNorm gains 1, the rest 0. */
  initialize(rng: Rng): void {
    for (const p of this.params.values()) {
      const { init, initStd } = p.plan;
      if (init === 'normal' && initStd > 0) {
        const host = this.ops.dtype === 'f32' ? new Float32Array(p.size) : new Float64Array(p.size);
        this.ops.write(p.w, fillNormal(host, { rng, std: initStd }));
      } else this.ops.fill(p.w, init === 'ones' ? 1 : 0, p.size);
      if (p.m) this.ops.fill(p.m, 0, p.size);
      if (p.v) this.ops.fill(p.v, 0, p.size);
    }
    this.#t = 0;
  }

  /** Loads a validated batch: tokens or patch inputs, and the labels of every prediction. */
  setBatch(batch: TransformerBatch): void {
    const { seqLen: T, readout } = this.shape;
    const B = batch.size;
    this.#batch = B;
    if (this.shape.input.kind === 'tokens') {
      const tokens = batch.tokens!;
      this.#stride = readout === 'every-position' ? T + 1 : T;
      this.ops.writeInts(this.#tokens!, tokens);
      if (readout === 'every-position') {
        const next = new Int32Array(B * T);
        for (let b = 0; b < B; b++) next.set(tokens.subarray(b * (T + 1) + 1, (b + 1) * (T + 1)), b * T);
        this.ops.writeInts(this.#labels!, next);
      } else this.ops.writeInts(this.#labels!, batch.labels!);
    } else {
      this.ops.write(this.#s.inputs!, batch.inputs!);
      this.ops.writeInts(this.#labels!, batch.labels!);
    }
  }

  #p(name: string): Param<B> {
    return this.params.get(name)!;
  }

  /** Forward pass on the loaded batch: the mean cross-entropy. With `coords`, the RMS of each coordinate group. */
  forward(coords?: Record<string, number>): number {
    const { ops, shape, plan } = this;
    const { seqLen: T, width: d, heads, layers, outputs, causal, activation } = shape;
    const { dHead, hidden: f, attentionScale } = plan;
    const B = this.#batch;
    const rows = B * T;
    const s = this.#s as Record<string, B>;
    const rms = (name: string, b: B, n: number) => {
      if (coords) coords[name] = Math.sqrt(ops.sumSquares(b, n) / n);
    };
    const E = this.#p('embedding');
    const Pos = this.#p('positional');
    const x0 = layers > 0 ? this.#acts[0]!.xIn : s.xL!;
    if (shape.input.kind === 'tokens') {
      ops.embeddingForward(this.#tokens!, this.#stride, E.w, E.plan.multiplier, Pos.w, x0, B, T, d);
    } else {
      ops.matmul(s.inputs!, E.w, x0, rows, d, shape.input.dim, { transB: true, alpha: E.plan.multiplier });
      ops.addPositional(x0, Pos.w, B, T, d);
    }
    rms('embedding', x0, rows * d);
    const blocks = B * heads;
    for (let l = 0; l < layers; l++) {
      const A = this.#acts[l]!;
      const n = blockTensorNames(l);
      const next = l + 1 < layers ? this.#acts[l + 1]!.xIn : s.xL!;
      const lin = (x: B, name: string, out: B, m: number, k: number) => {
        const p = this.#p(name);
        ops.matmul(x, p.w, out, rows, m, k, { transB: true, alpha: p.plan.multiplier });
      };
      ops.layerNormForward(A.xIn, this.#p(n.ln1g).w, this.#p(n.ln1b).w, A.a, A.mean1, A.rstd1, rows, d);
      lin(A.a, n.q, s.q!, d, d);
      lin(A.a, n.k, s.k!, d, d);
      lin(A.a, n.v, s.v!, d, d);
      ops.permuteHeads(s.q!, A.qh, B, T, heads, dHead, false);
      ops.permuteHeads(s.k!, A.kh, B, T, heads, dHead, false);
      ops.permuteHeads(s.v!, A.vh, B, T, heads, dHead, false);
      // One product per (sequence, head) i: its q, k, v, y at i·T·d_head, its probabilities at i·T².
      const toP = { count: blocks, aStride: T * dHead, bStride: T * dHead, cStride: T * T };
      const fromP = { count: blocks, aStride: T * T, bStride: T * dHead, cStride: T * dHead };
      ops.matmulBatch(A.qh, A.kh, A.P, T, T, dHead, { ...toP, transB: true, alpha: attentionScale });
      ops.softmaxRowsForward(A.P, blocks * T, T, causal);
      ops.matmulBatch(A.P, A.vh, s.yh!, T, dHead, T, fromP);
      ops.permuteHeads(s.yh!, A.y, B, T, heads, dHead, true);
      lin(A.y, n.o, s.o!, d, d);
      rms(`attn.${l}`, s.o!, rows * d);
      ops.copy(A.xMid, A.xIn, rows * d);
      ops.add(A.xMid, s.o!, rows * d);
      ops.layerNormForward(A.xMid, this.#p(n.ln2g).w, this.#p(n.ln2b).w, A.c, A.mean2, A.rstd2, rows, d);
      lin(A.c, n.mlpIn, A.u, f, d);
      ops.activationForward(activation, A.u, A.z, rows * f);
      lin(A.z, n.mlpOut, s.mm!, d, f);
      rms(`mlp.${l}`, s.mm!, rows * d);
      ops.copy(next, A.xMid, rows * d);
      ops.add(next, s.mm!, rows * d);
      rms(`block.${l}`, next, rows * d);
    }
    ops.layerNormForward(s.xL!, this.#p('final.ln.gain').w, this.#p('final.ln.bias').w, s.hF!, s.meanF!, s.rstdF!, rows, d);
    const pooled = shape.readout !== 'every-position';
    if (shape.readout !== 'every-position') ops.poolForward(s.hF!, s.r!, B, T, d, shape.readout);
    const predRows = pooled ? B : rows;
    const R = this.#p('readout');
    ops.matmul(pooled ? s.r! : s.hF!, R.w, s.logits!, predRows, outputs, d, { transB: true, alpha: R.plan.multiplier });
    rms('logits', s.logits!, predRows * outputs);
    return ops.softmaxCrossEntropy(s.logits!, this.#labels!, s.dlogits!, predRows, outputs, 1 / predRows);
  }

  /** Gradients of the last forward pass's mean loss into every tensor's g. */
  backward(): void {
    const { ops, shape, plan } = this;
    const { seqLen: T, width: d, heads, layers, outputs, activation } = shape;
    const { dHead, hidden: f, attentionScale } = plan;
    const B = this.#batch;
    const rows = B * T;
    const s = this.#s as Record<string, B>;
    for (const p of this.params.values()) ops.fill(p.g, 0, p.size);
    const pooled = shape.readout !== 'every-position';
    const predRows = pooled ? B : rows;
    const R = this.#p('readout');
    const src = pooled ? s.r! : s.hF!;
    ops.matmul(s.dlogits!, src, R.g, outputs, d, predRows, { transA: true, alpha: R.plan.multiplier });
    ops.matmul(s.dlogits!, R.w, pooled ? s.dr! : s.dhF!, predRows, d, outputs, { alpha: R.plan.multiplier });
    if (shape.readout !== 'every-position') ops.poolBackward(s.dr!, s.dhF!, B, T, d, shape.readout);
    ops.fill(s.dres!, 0, rows * d);
    const gF = this.#p('final.ln.gain');
    ops.layerNormBackward(s.dhF!, s.xL!, gF.w, s.meanF!, s.rstdF!, s.dres!, gF.g, this.#p('final.ln.bias').g, rows, d);
    // Through a linear layer out = α·x·Wᵀ: g_W = α·d_outᵀ·x, d_x = α·d_out·W (accumulated into d_x when asked).
    const linBack = (dOut: B, x: B, name: string, dx: B, m: number, k: number, accumulate = false) => {
      const p = this.#p(name);
      ops.matmul(dOut, x, p.g, m, k, rows, { transA: true, alpha: p.plan.multiplier });
      ops.matmul(dOut, p.w, dx, rows, k, m, { alpha: p.plan.multiplier, accumulate });
    };
    const blocks = B * heads;
    for (let l = layers - 1; l >= 0; l--) {
      const A = this.#acts[l]!;
      const n = blockTensorNames(l);
      linBack(s.dres!, A.z, n.mlpOut, s.dz!, d, f);
      ops.activationBackward(activation, A.u, s.dz!, s.du!, rows * f);
      linBack(s.du!, A.c, n.mlpIn, s.dc!, f, d);
      const g2 = this.#p(n.ln2g);
      ops.layerNormBackward(s.dc!, A.xMid, g2.w, A.mean2, A.rstd2, s.dres!, g2.g, this.#p(n.ln2b).g, rows, d);
      linBack(s.dres!, A.y, n.o, s.dy!, d, d);
      ops.permuteHeads(s.dy!, s.dyh!, B, T, heads, dHead, false);
      // Per (sequence, head), as in the forward pass; each batch's products are independent of the other's.
      const toP = { count: blocks, aStride: T * dHead, bStride: T * dHead, cStride: T * T };
      const fromP = { count: blocks, aStride: T * T, bStride: T * dHead, cStride: T * dHead };
      ops.matmulBatch(s.dyh!, A.vh, s.dP!, T, T, dHead, { ...toP, transB: true });
      ops.matmulBatch(A.P, s.dyh!, s.dvh!, T, dHead, T, { ...fromP, transA: true });
      ops.softmaxRowsBackward(A.P, s.dP!, blocks * T, T);
      ops.matmulBatch(s.dP!, A.kh, s.dqh!, T, dHead, T, { ...fromP, alpha: attentionScale });
      ops.matmulBatch(s.dP!, A.qh, s.dkh!, T, dHead, T, { ...fromP, transA: true, alpha: attentionScale });
      ops.permuteHeads(s.dqh!, s.dq!, B, T, heads, dHead, true);
      ops.permuteHeads(s.dkh!, s.dk!, B, T, heads, dHead, true);
      ops.permuteHeads(s.dvh!, s.dv!, B, T, heads, dHead, true);
      linBack(s.dq!, A.a, n.q, s.da!, d, d);
      linBack(s.dk!, A.a, n.k, s.da!, d, d, true);
      linBack(s.dv!, A.a, n.v, s.da!, d, d, true);
      const g1 = this.#p(n.ln1g);
      ops.layerNormBackward(s.da!, A.xIn, g1.w, A.mean1, A.rstd1, s.dres!, g1.g, this.#p(n.ln1b).g, rows, d);
    }
    const E = this.#p('embedding');
    const Pos = this.#p('positional');
    if (shape.input.kind === 'tokens') {
      ops.embeddingBackward(this.#tokens!, this.#stride, s.dres!, E.plan.multiplier, E.g, Pos.g, B, T, d);
    } else {
      ops.matmul(s.dres!, s.inputs!, E.g, d, shape.input.dim, rows, { transA: true, alpha: E.plan.multiplier });
      ops.positionalBackward(s.dres!, Pos.g, B, T, d);
    }
  }

  /** One optimizer step on every tensor with its own learning rate. */
  step(): void {
    const o = this.optimizer;
    this.#t++;
    const c1 = 1 - powDet(o.beta1, this.#t);
    const c2 = 1 - powDet(o.beta2, this.#t);
    for (const p of this.params.values()) {
      if (o.kind === 'sgd') this.ops.sgd(p.w, p.g, p.m, p.size, o.lr * p.plan.sgdLr, o.momentum);
      else this.ops.adam(p.w, p.g, p.m!, p.v!, p.size, o.lr * p.plan.adamLr, o.beta1, o.beta2, o.eps, c1, c2);
    }
  }

  /** A copy (f64) of a tensor's weights or gradient. */
  read(name: string, what: 'w' | 'g' = 'w'): Float64Array {
    const p = this.#p(name);
    return this.ops.read(p[what], p.size);
  }

  /** Overwrites a tensor's weights. */
  write(name: string, values: ArrayLike<number>): void {
    this.ops.write(this.#p(name).w, values);
  }

  /** The logits of the last forward pass (predictions × outputs), as f64. */
  logits(): Float64Array {
    const pooled = this.shape.readout !== 'every-position';
    const predRows = pooled ? this.#batch : this.#batch * this.shape.seqLen;
    return this.ops.read(this.#s.logits!, predRows * this.shape.outputs);
  }

  /** Releases every buffer (WebAssembly memory for the kernel backend). */
  free(): void {
    for (const b of this.#buffers) this.ops.free(b);
    this.#buffers = [];
    if (this.#tokens !== undefined) this.ops.freeInts(this.#tokens);
    if (this.#labels !== undefined) this.ops.freeInts(this.#labels);
    this.#tokens = undefined;
    this.#labels = undefined;
    this.ops.release?.();
  }
}
