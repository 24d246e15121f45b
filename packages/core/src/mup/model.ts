// An MLP input → width → width → classes (ReLU, softmax cross-entropy) living in WebAssembly memory, trained with
// the blocked SIMD kernels. One instance per run; free() returns its memory. Its backend decides where the buffers live
// and whether the products and optimizer steps are split between two threads (same bits either way).
import { kernelBackend, type F32Buffer, type KernelBackend } from '../base/kernel-backend.js';
import type { Rng } from '../base/rng.js';
import { planTensors, type MlpShape, type OptimizerKind, type ScalingOptions, type TensorName, type TensorPlan } from './tensor-plan.js';
import { powDet } from '../libm/index.js';

/** The optimizer and its hyperparameters for {@link MlpModel}. */
export interface OptimizerSettings {
  kind: OptimizerKind;
  /** Global learning rate η; tensor t steps with η·(its factor). */
  lr: number;
  /** SGD momentum μ (0: plain SGD). */
  momentum?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

interface Tensor {
  plan: TensorPlan;
  w: F32Buffer;
  g: F32Buffer;
  /** momentum buffer / Adam first moment */
  m?: F32Buffer;
  /** Adam second moment */
  v?: F32Buffer;
}

/** Activations of the last forward pass (batch rows × features). */
export type ActivationName = 'h1' | 'h2' | 'logits';

/**
 * The network and its optimizer state. Arguments are trusted here (validated by the trainer's entry points).
 * Layout: W (fan_out × fan_in) row-major, batches row-major (rows × features).
 */
export class MlpModel {
  readonly shape: MlpShape;
  readonly plans: TensorPlan[];
  readonly maxRows: number;
  readonly optimizer: Required<OptimizerSettings>;
  readonly tensors: Record<TensorName, Tensor>;
  readonly #backend: KernelBackend;
  #x: F32Buffer;
  #h1: F32Buffer;
  #h2: F32Buffer;
  #logits: F32Buffer;
  #dlogits: F32Buffer;
  #d2: F32Buffer;
  #d1: F32Buffer;
  #labels: number;
  #pack: number;
  #packBytes: number;
  #rows = 0;
  #t = 0;

  /**
   * Allocates the tensors, optimizer state and batch buffers (rows ≤ maxRows) in WebAssembly memory.
   * `threads` 2 puts them in a memory shared with a kernel thread and splits every matrix product and optimizer step
   * between the two (the same bits as one thread); where no kernel thread can run (browsers for now), one thread.
   * @throws InvalidArgumentError for a bad shape or scaling option (see planTensors); MemoryLimitError when it does not fit.
   */
  constructor(shape: MlpShape, scaling: ScalingOptions, optimizer: OptimizerSettings, maxRows: number, threads: 1 | 2 = 1) {
    const backend = kernelBackend(threads);
    this.#backend = backend;
    this.plans = planTensors(shape, scaling);
    this.shape = { ...shape };
    this.maxRows = maxRows;
    this.optimizer = { momentum: 0, beta1: 0.9, beta2: 0.999, eps: 1e-8, ...optimizer };
    const { inputDim, width, classes } = shape;
    const arrays: F32Buffer[] = [];
    const arr = (n: number) => {
      const a = backend.f32('length', n);
      arrays.push(a);
      return a;
    };
    try {
      const tensors = {} as Record<TensorName, Tensor>;
      for (const plan of this.plans) {
        const n = plan.rows * plan.cols;
        const t: Tensor = { plan, w: arr(n), g: arr(n) };
        if (this.optimizer.kind === 'adam' || (this.optimizer.kind === 'sgd' && this.optimizer.momentum > 0)) t.m = arr(n);
        if (this.optimizer.kind === 'adam') t.v = arr(n);
        tensors[plan.name] = t;
      }
      this.tensors = tensors;
      this.#x = arr(maxRows * inputDim);
      this.#h1 = arr(maxRows * width);
      this.#h2 = arr(maxRows * width);
      this.#logits = arr(maxRows * classes);
      this.#dlogits = arr(maxRows * classes);
      this.#d2 = arr(maxRows * width);
      this.#d1 = arr(maxRows * width);
      this.#labels = backend.allocBytes('labels', maxRows * 4);
      this.#packBytes = backend.kernels.gemmScratchBytes(Math.max(inputDim, width, classes, maxRows));
      try {
        this.#pack = backend.allocBytes('pack', this.#packBytes);
      } catch (error) {
        backend.freeBytes(this.#labels, maxRows * 4);
        throw error;
      }
    } catch (error) {
      for (const a of arrays) a.free();
      throw error;
    }
  }

  /** Draws every tensor from N(0, initStd²) in the order W1, b1, W2, b2, W3, b3 (zeros where initStd = 0). */
  initialize(rng: Rng): void {
    for (const t of Object.values(this.tensors)) {
      if (t.plan.initStd > 0) t.w.fillNormal(rng, t.plan.initStd);
      else t.w.view().fill(0);
      t.m?.view().fill(0);
      t.v?.view().fill(0);
    }
    this.#t = 0;
  }

  /** Loads a batch: x (rows × inputDim) and labels (rows). */
  setBatch(x: Float32Array, labels: Int32Array, rows: number): void {
    const k = this.#backend.kernels;
    this.#x.view().set(x.subarray(0, rows * this.shape.inputDim));
    new Int32Array(k.memory.buffer, this.#labels, rows).set(labels.subarray(0, rows));
    this.#rows = rows;
  }

  /** Forward pass on the loaded batch; returns the mean cross-entropy and leaves dlogits = (softmax − onehot)/rows. */
  forward(): number {
    const k = this.#backend.kernels;
    const gemm = this.#backend.gemmF32;
    const { inputDim, width, classes } = this.shape;
    const B = this.#rows;
    const P = (a: F32Buffer) => a.pointer();
    const T = this.tensors;
    const pack = this.#pack;
    // h1 = relu(α₁·X W1ᵀ + b1), X (B × d), W1 (w × d)
    gemm(P(this.#x), P(T.W1.w), P(this.#h1), B, width, inputDim, 0, 1, T.W1.plan.multiplier, 0, pack);
    k.biasActF32(P(this.#h1), P(T.b1.w), B, width, 1);
    gemm(P(this.#h1), P(T.W2.w), P(this.#h2), B, width, width, 0, 1, T.W2.plan.multiplier, 0, pack);
    k.biasActF32(P(this.#h2), P(T.b2.w), B, width, 1);
    gemm(P(this.#h2), P(T.W3.w), P(this.#logits), B, classes, width, 0, 1, T.W3.plan.multiplier, 0, pack);
    k.biasActF32(P(this.#logits), P(T.b3.w), B, classes, 0);
    return k.softmaxXentF32(P(this.#logits), this.#labels, P(this.#dlogits), B, classes, 1 / B);
  }

  /** Gradients of the mean loss of the last forward pass into every tensor's g. */
  backward(): void {
    const k = this.#backend.kernels;
    const gemm = this.#backend.gemmF32;
    const { inputDim, width, classes } = this.shape;
    const B = this.#rows;
    const P = (a: F32Buffer) => a.pointer();
    const T = this.tensors;
    const pack = this.#pack;
    const dl = P(this.#dlogits);
    // Output layer: logits = α₃·H2 W3ᵀ + b3 ⇒ gW3 = α₃·dLᵀ H2, dH2 = α₃·dL W3, gb3 = Σ_rows dL.
    k.colSumF32(dl, P(T.b3.g), B, classes);
    gemm(dl, P(this.#h2), P(T.W3.g), classes, width, B, 1, 0, T.W3.plan.multiplier, 0, pack);
    gemm(dl, P(T.W3.w), P(this.#d2), B, width, classes, 0, 0, T.W3.plan.multiplier, 0, pack);
    k.reluBackwardF32(P(this.#d2), P(this.#h2), B * width);
    k.colSumF32(P(this.#d2), P(T.b2.g), B, width);
    gemm(P(this.#d2), P(this.#h1), P(T.W2.g), width, width, B, 1, 0, T.W2.plan.multiplier, 0, pack);
    gemm(P(this.#d2), P(T.W2.w), P(this.#d1), B, width, width, 0, 0, T.W2.plan.multiplier, 0, pack);
    k.reluBackwardF32(P(this.#d1), P(this.#h1), B * width);
    k.colSumF32(P(this.#d1), P(T.b1.g), B, width);
    gemm(P(this.#d1), P(this.#x), P(T.W1.g), width, inputDim, B, 1, 0, T.W1.plan.multiplier, 0, pack);
  }

  /** One optimizer step on every tensor with its own learning rate. */
  step(): void {
    const k = this.#backend;
    const o = this.optimizer;
    this.#t++;
    const c1 = 1 - powDet(o.beta1, this.#t);
    const c2 = 1 - powDet(o.beta2, this.#t);
    for (const t of Object.values(this.tensors)) {
      const n = t.plan.rows * t.plan.cols;
      const w = t.w.pointer();
      const g = t.g.pointer();
      if (o.kind === 'sgd') {
        k.sgdF32(w, g, t.m ? t.m.pointer() : 0, n, o.lr * t.plan.sgdLr, o.momentum);
      } else if (o.kind === 'adam') {
        k.adamF32(w, g, t.m!.pointer(), t.v!.pointer(), n, o.lr * t.plan.adamLr, o.beta1, o.beta2, o.eps * t.plan.adamEps, c1, c2);
      } else {
        k.signgdF32(w, g, n, o.lr * t.plan.adamLr);
      }
    }
  }

  /** forward + backward + step; returns the batch loss before the step. */
  trainStep(): number {
    const loss = this.forward();
    this.backward();
    this.step();
    return loss;
  }

  /** Threads that run this model's products and optimizer steps (its backend's). */
  get threads(): number {
    return this.#backend.threads;
  }

  /** Rows in the loaded batch. */
  get rows(): number {
    return this.#rows;
  }

  /** Steps taken since initialize(). */
  get steps(): number {
    return this.#t;
  }

  /** A copy of an activation of the last forward pass (rows × features). */
  activation(name: ActivationName): Float32Array {
    const a = name === 'h1' ? this.#h1 : name === 'h2' ? this.#h2 : this.#logits;
    const cols = name === 'logits' ? this.shape.classes : this.shape.width;
    return a.view().slice(0, this.#rows * cols);
  }

  /** Copies of the logits' gradient (softmax − onehot)/rows of the last forward pass. */
  dlogits(): Float32Array {
    return this.#dlogits.view().slice(0, this.#rows * this.shape.classes);
  }

  /** A copy of a tensor's weights or gradient. */
  read(name: TensorName, what: 'w' | 'g' = 'w'): Float32Array {
    return this.tensors[name][what].toArray();
  }

  /** Overwrites a tensor's weights. */
  write(name: TensorName, values: ArrayLike<number>): void {
    this.tensors[name].w.copyFrom(values);
  }

  /** Releases the model's WebAssembly memory; the model cannot be used afterwards. */
  free(): void {
    for (const t of Object.values(this.tensors)) for (const a of [t.w, t.g, t.m, t.v]) a?.free();
    for (const a of [this.#x, this.#h1, this.#h2, this.#logits, this.#dlogits, this.#d2, this.#d1]) a.free();
    if (this.#labels) this.#backend.freeBytes(this.#labels, this.maxRows * 4);
    if (this.#pack) this.#backend.freeBytes(this.#pack, this.#packBytes);
    this.#labels = 0;
    this.#pack = 0;
  }
}
