// The Transformer as an object living in WebAssembly memory (like the MLP's MlpModel): build it from a shape and a
// parameterization, draw its init, load batches, take training steps, read tensors; free() returns its memory. Its
// kernel backend decides whether the products and optimizer steps are split between two threads (same bits).
// trainTransformer is the usual entry; this class is for benchmarks and for callers that drive the steps themselves.
import { kernelBackend, type KernelBackend } from '../base/kernel-backend.js';
import type { Rng } from '../base/rng.js';
import { positiveInt } from '../base/validate.js';
import type { TransformerBatch, TransformerParameterization, TransformerShape } from './api.js';
import { TransformerNetwork } from './network.js';
import type { TransformerOps } from './ops.js';
import { planTransformer, type TransformerPlan } from './plan.js';
import { checkBatch, checkParameterization, checkShape, checkThreads, checkTrainOptions } from './validate.js';
import { wasmOps } from './wasm-ops.js';

/** Optimizer settings of a {@link TransformerModel} (defaults: β₁ 0.9, β₂ 0.999, ε 1e-8, momentum 0). */
export interface TransformerOptimizer {
  optimizer: 'adam' | 'sgd';
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  momentum?: number;
}

/** A float32 Transformer in WebAssembly memory, with its optimizer state and room for batches of up to `maxBatch`. */
export class TransformerModel {
  readonly shape: TransformerShape;
  readonly plan: TransformerPlan;
  readonly maxBatch: number;
  readonly #backend: KernelBackend;
  #net: TransformerNetwork<unknown, unknown>;

  /**
   * `threads` 2 puts the model in a memory shared with a kernel thread and splits every matrix product and optimizer
   * step between the two (the same bits as one thread); where no kernel thread can run here (in a browser: before
   * `await startKernelThreads()`, or on a page that is not cross-origin isolated), one thread — `threads` says which.
   * @throws InvalidArgumentError for a bad shape, parameterization, optimizer setting or `threads` (naming it);
   * MemoryLimitError when the model and its activations do not fit; KernelThreadError when the kernel thread fails.
   */
  constructor(shape: TransformerShape, parameterization: TransformerParameterization, optimizer: TransformerOptimizer, maxBatch: number, threads: 1 | 2 = 1) {
    this.shape = checkShape(shape);
    const p = checkParameterization(parameterization, this.shape);
    const o = checkTrainOptions({ ...optimizer, steps: 1, batchSize: maxBatch, seed: 0 });
    this.#backend = kernelBackend(checkThreads(threads));
    this.plan = planTransformer(this.shape, p);
    this.maxBatch = o.batchSize;
    this.#net = new TransformerNetwork(this.shape, this.plan, wasmOps(this.#backend) as TransformerOps<unknown, unknown>, o.batchSize, {
      kind: o.optimizer,
      lr: o.lr,
      beta1: o.beta1,
      beta2: o.beta2,
      eps: o.eps,
      momentum: o.momentum,
    });
  }

  /** Threads that share each product and optimizer step (1 or 2). */
  get threads(): number {
    return this.#backend.threads;
  }

  /** Draws every tensor (plan order) from `rng`; resets the optimizer state. */
  initialize(rng: Rng): void {
    this.#net.initialize(rng);
  }

  /** Loads a batch (checked against the shape). @throws InvalidArgumentError / ShapeError for a malformed batch. */
  setBatch(batch: TransformerBatch): void {
    positiveInt('batch.size', batch?.size, this.maxBatch);
    checkBatch(batch, this.shape, batch.size);
    this.#net.setBatch(batch);
  }

  /** Forward pass: the mean cross-entropy of the loaded batch; with `coords`, fills in each group's RMS. */
  forward(coords?: Record<string, number>): number {
    return this.#net.forward(coords);
  }

  /** Gradients of the last forward pass. */
  backward(): void {
    this.#net.backward();
  }

  /** One optimizer step. */
  step(): void {
    this.#net.step();
  }

  /** forward + backward + step; the loss before the step. */
  trainStep(): number {
    const loss = this.#net.forward();
    this.#net.backward();
    this.#net.step();
    return loss;
  }

  /** A copy of a tensor's weights or gradient (names as in `plan.tensors`). */
  read(name: string, what: 'w' | 'g' = 'w'): Float64Array {
    return this.#net.read(name, what);
  }

  /** Releases the model's WebAssembly memory. */
  free(): void {
    this.#net.free();
  }
}

/**
 * Bytes of WebAssembly memory a {@link TransformerModel} (or a trainTransformer run) takes: weights, gradients and
 * optimizer state (Adam: 4 floats per weight; SGD: 2, or 3 with momentum), the activations kept for the backward pass
 * and the scratch of a batch of `batchSize`, the token/label buffers and the largest matrix-product packing buffer.
 * Compare with `memoryUsage().maxBytes` (2 GiB) before building a wide model: a run that does not fit throws
 * MemoryLimitError. @throws InvalidArgumentError for a bad shape.
 */
export function transformerMemoryBytes(shape: TransformerShape, batchSize: number, optimizer: 'adam' | 'sgd', momentum = 0): number {
  const s = checkShape(shape);
  const { seqLen: T, width: d, heads, layers, outputs } = s;
  const f = s.mlpRatio * d;
  const rows = batchSize * T;
  const attention = batchSize * heads * T * T;
  const inputDim = s.input.kind === 'patches' ? s.input.dim : 1;
  const vocabRows = s.input.kind === 'tokens' ? s.input.vocab * d : d * inputDim;
  const weights = vocabRows + T * d + layers * (4 * d + 4 * d * d + 2 * d * f) + 2 * d + outputs * d;
  const copies = optimizer === 'adam' ? 4 : momentum > 0 ? 3 : 2;
  // Per block: x, LN₁ out, q/k/v heads, attention output, x mid, LN₂ out (8 · rows·d), P, 4 row statistics, u and z.
  const perBlock = 8 * rows * d + attention + 4 * rows + 2 * rows * f;
  const predRows = s.readout === 'every-position' ? rows : batchSize;
  // Network scratch: see TransformerNetwork's constructor (same list, same order).
  const scratch = 20 * rows * d + 2 * rows + 2 * batchSize * d + 2 * predRows * outputs + rows * inputDim + attention + 2 * rows * f;
  const ints = Math.max(batchSize * (T + 1), 1) + Math.max(predRows, 1);
  const k = Math.max(rows, f, d, outputs, inputDim);
  const pack = (2 * k + 4) * 32 + 64 * k * 4 + 64 * 32;
  return 4 * (copies * weights + layers * perBlock + scratch + ints) + pack;
}

/**
 * Floating-point operations of the matrix products in one training step (forward, backward, no optimizer or
 * elementwise work), the count a GFLOP/s figure divides: per block 4 projections 2·N·d² and two MLP matrices
 * 2·N·d·f (N = batch·seqLen, f = mlpRatio·d), attention QKᵀ and PV 2·batch·seqLen²·d each (the full square, as
 * computed, causal or not), the readout 2·P·d·outputs (P predictions), a patch embedding 2·N·dim·d. The backward pass
 * costs twice each product (both operands' gradients), except the patch embedding (no gradient for the data).
 */
export function transformerStepFlops(shape: TransformerShape, batchSize: number): number {
  const s = checkShape(shape);
  const N = batchSize * s.seqLen;
  const d = s.width;
  const f = s.mlpRatio * d;
  const perBlock = 4 * 2 * N * d * d + 2 * 2 * N * d * f + 2 * 2 * batchSize * s.seqLen * s.seqLen * d;
  const predictions = s.readout === 'every-position' ? N : batchSize;
  const readout = 2 * predictions * d * s.outputs;
  const patches = s.input.kind === 'patches' ? 2 * N * s.input.dim * d : 0;
  return 3 * (s.layers * perBlock + readout) + 2 * patches;
}
