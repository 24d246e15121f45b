// One training run: a seeded MLP trained on minibatches, measured at the end. Synchronous inside its realm (a worker
// or the main thread); diverged runs (a non-finite loss) stop and are reported as diverged, never dropped.
import { CancelledError, InvalidArgumentError } from '../base/errors.js';
import { checkSeed, Rng } from '../base/rng.js';
import { positiveInt } from '../base/validate.js';
import type { Dataset, DatasetName, Split } from './data.js';
import { MlpModel } from './model.js';
import { PARAMETERIZATIONS, type Parameterization, type ParameterizationId } from './parameterization.js';
import { MAX_WIDTH, type OptimizerKind } from './tensor-plan.js';

/** One training run: dataset, width, parameterization, optimizer and its settings, steps, batch, seed. */
export interface TrainConfig {
  dataset: DatasetName;
  width: number;
  parameterization: ParameterizationId;
  /** Width at which the parameterization equals SP. */
  baseWidth: number;
  optimizer: OptimizerKind;
  /** Global learning rate (> 0). */
  lr: number;
  steps: number;
  batchSize: number;
  /** Seeds the init (stream 0) and the batch order (stream 1). */
  seed: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  initScale?: number;
  inputMultiplier?: number;
  outputMultiplier?: number;
  zeroReadout?: boolean;
  /** Training rows the final training loss is measured on (evenly spaced; default 1024). */
  evalRows?: number;
  /** Points in the recorded loss curve (default 20). */
  curvePoints?: number;
  /**
   * Threads for each training step (default 1). With 2, the matrix products and optimizer steps are split between
   * this thread and a kernel thread on a shared memory: the same bits as one thread. Where no kernel thread can run
   * (see kernelThreadsSupport; in a browser, before `startKernelThreads()`), the run uses one thread.
   */
  threads?: 1 | 2;
}

/** What a training run gives: final losses and accuracy, the loss curve, and whether it diverged. */
export interface TrainResult {
  config: TrainConfig;
  diverged: boolean;
  /** First step whose loss was not finite. */
  divergedAtStep: number | null;
  /** Mean cross-entropy on `evalRows` training rows after the last step (null if diverged). */
  trainLoss: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  /** Mean batch loss over consecutive windows of steps (null after divergence). */
  curve: { step: number[]; loss: (number | null)[] };
  elapsedMs: number;
}

const OPTIMIZERS: readonly OptimizerKind[] = ['sgd', 'adam', 'signgd'];

function positiveNumber(param: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new InvalidArgumentError(param, v, 'a finite number > 0');
  return v;
}

function unitInterval(param: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw new InvalidArgumentError(param, v, 'a number in [0, 1)');
}

/**
 * Checks every field of a run's configuration.
 * @throws InvalidArgumentError naming the field (width 0, lr ≤ 0 or NaN, unknown optimizer, …).
 */
export function checkTrainConfig(config: TrainConfig): TrainConfig {
  if (typeof config !== 'object' || config === null) throw new InvalidArgumentError('config', config, 'a training configuration object');
  if (config.dataset !== 'mnist' && config.dataset !== 'synthetic') throw new InvalidArgumentError('dataset', config.dataset, '"mnist" or "synthetic"');
  positiveInt('width', config.width, MAX_WIDTH);
  positiveInt('baseWidth', config.baseWidth, MAX_WIDTH);
  if (!(config.parameterization in PARAMETERIZATIONS)) {
    throw new InvalidArgumentError('parameterization', config.parameterization, `one of ${Object.keys(PARAMETERIZATIONS).join(', ')}`);
  }
  if (!OPTIMIZERS.includes(config.optimizer)) throw new InvalidArgumentError('optimizer', config.optimizer, `one of ${OPTIMIZERS.join(', ')}`);
  positiveNumber('lr', config.lr);
  positiveInt('steps', config.steps, 1_000_000);
  positiveInt('batchSize', config.batchSize, 4096);
  checkSeed('seed', config.seed);
  unitInterval('momentum', config.momentum);
  unitInterval('beta1', config.beta1);
  unitInterval('beta2', config.beta2);
  if (config.eps !== undefined) positiveNumber('eps', config.eps);
  for (const key of ['initScale', 'inputMultiplier', 'outputMultiplier'] as const) if (config[key] !== undefined) positiveNumber(key, config[key]);
  if (config.evalRows !== undefined) positiveInt('evalRows', config.evalRows, 1 << 20);
  if (config.curvePoints !== undefined) positiveInt('curvePoints', config.curvePoints, 10_000);
  if (config.threads !== undefined && config.threads !== 1 && config.threads !== 2) throw new InvalidArgumentError('threads', config.threads, '1 or 2');
  return config;
}

/** A configuration whose parameterization may also be a table object (a variant of a built-in one, e.g. a control). */
export type ModelConfig = Omit<TrainConfig, 'parameterization'> & { parameterization: ParameterizationId | Parameterization };

/** Builds the model a configuration describes (not initialised). */
export function createModel(config: ModelConfig, dataset: Dataset, maxRows = config.batchSize): MlpModel {
  return new MlpModel(
    { inputDim: dataset.inputDim, width: config.width, classes: dataset.classes },
    {
      parameterization: config.parameterization,
      baseWidth: config.baseWidth,
      ...(config.initScale !== undefined ? { initScale: config.initScale } : {}),
      ...(config.inputMultiplier !== undefined ? { inputMultiplier: config.inputMultiplier } : {}),
      ...(config.outputMultiplier !== undefined ? { outputMultiplier: config.outputMultiplier } : {}),
      ...(config.zeroReadout !== undefined ? { zeroReadout: config.zeroReadout } : {}),
    },
    {
      kind: config.optimizer,
      lr: config.lr,
      ...(config.momentum !== undefined ? { momentum: config.momentum } : {}),
      ...(config.beta1 !== undefined ? { beta1: config.beta1 } : {}),
      ...(config.beta2 !== undefined ? { beta2: config.beta2 } : {}),
      ...(config.eps !== undefined ? { eps: config.eps } : {}),
    },
    maxRows,
    config.threads ?? 1,
  );
}

/** Copies rows `indices` of a split into (x, y). */
export function gather(split: Split, inputDim: number, indices: ArrayLike<number>, x: Float32Array, y: Int32Array): void {
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    x.set(split.x.subarray(r * inputDim, (r + 1) * inputDim), i * inputDim);
    y[i] = split.y[r]!;
  }
}

/** Mean loss and accuracy of the model on the given rows of a split, in batches of model.maxRows. */
export function evaluate(model: MlpModel, split: Split, inputDim: number, indices: ArrayLike<number>): { loss: number; accuracy: number } {
  const B = model.maxRows;
  const x = new Float32Array(B * inputDim);
  const y = new Int32Array(B);
  const classes = model.shape.classes;
  let lossSum = 0;
  let correct = 0;
  for (let from = 0; from < indices.length; from += B) {
    const rows = Math.min(B, indices.length - from);
    gather(split, inputDim, Array.prototype.slice.call(indices, from, from + rows), x, y);
    model.setBatch(x, y, rows);
    lossSum += model.forward() * rows;
    const logits = model.activation('logits');
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let c = 1; c < classes; c++) if (logits[r * classes + c]! > logits[r * classes + best]!) best = c;
      if (best === y[r]) correct++;
    }
  }
  return { loss: lossSum / indices.length, accuracy: correct / indices.length };
}

/** Shuffled epochs of row indices from a seeded generator (Fisher–Yates with unbiased draws). */
export class BatchSampler {
  #rng: Rng;
  #order: Int32Array;
  #pos: number;
  constructor(rows: number, rng: Rng) {
    this.#rng = rng;
    this.#order = Int32Array.from({ length: rows }, (_, i) => i);
    this.#pos = rows;
  }
  /** Writes the next `size` row indices into `out` (a new shuffle after each epoch) and returns it. */
  next(size: number, out: Int32Array): Int32Array {
    for (let i = 0; i < size; i++) {
      if (this.#pos === this.#order.length) {
        for (let j = this.#order.length - 1; j > 0; j--) {
          const k = this.#rng.int(j + 1);
          [this.#order[j], this.#order[k]] = [this.#order[k]!, this.#order[j]!];
        }
        this.#pos = 0;
      }
      out[i] = this.#order[this.#pos++]!;
    }
    return out;
  }
}

/** A fixed batch of `rows` evenly spaced training rows: x is (rows, inputDim), y is (rows). */
export function fixedBatch(dataset: Dataset, rows: number): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(rows * dataset.inputDim);
  const y = new Int32Array(rows);
  gather(dataset.train, dataset.inputDim, spacedRows(dataset.train.rows, rows), x, y);
  return { x, y };
}

/** Evenly spaced row indices (class-balanced on a class-sorted split). */
export function spacedRows(rows: number, count: number): Int32Array {
  const n = Math.min(rows, count);
  return Int32Array.from({ length: n }, (_, i) => Math.floor((i * rows) / n));
}

/** Progress and cancellation for {@link trainRun}. */
export interface TrainHooks {
  /** Called about 20 times with the fraction of steps done. */
  progress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Trains one network and measures it. Deterministic in (config, dataset).
 * @throws InvalidArgumentError for a bad config (see checkTrainConfig); CancelledError when `signal` aborts.
 */
export function trainRun(config: TrainConfig, dataset: Dataset, hooks: TrainHooks = {}): TrainResult {
  checkTrainConfig(config);
  const started = Date.now();
  const { inputDim } = dataset;
  const B = config.batchSize;
  const model = createModel(config, dataset);
  try {
    const root = Rng.fromSeed(config.seed);
    model.initialize(root.stream(0));
    const sampler = new BatchSampler(dataset.train.rows, root.stream(1));
    const idx = new Int32Array(B);
    const x = new Float32Array(B * inputDim);
    const y = new Int32Array(B);
    const points = Math.min(config.curvePoints ?? 20, config.steps);
    const window = config.steps / points;
    const curve: TrainResult['curve'] = { step: [], loss: [] };
    let windowSum = 0;
    let windowCount = 0;
    let divergedAt: number | null = null;
    const every = Math.max(1, Math.floor(config.steps / 20));
    for (let s = 0; s < config.steps; s++) {
      if (hooks.signal?.aborted) throw new CancelledError('training run');
      gather(dataset.train, inputDim, sampler.next(B, idx), x, y);
      model.setBatch(x, y, B);
      const loss = model.trainStep();
      if (!Number.isFinite(loss)) {
        divergedAt = s + 1;
        break;
      }
      windowSum += loss;
      windowCount++;
      if (s + 1 >= Math.round(window * (curve.step.length + 1))) {
        curve.step.push(s + 1);
        curve.loss.push(windowSum / windowCount);
        windowSum = 0;
        windowCount = 0;
      }
      if ((s + 1) % every === 0) hooks.progress?.((s + 1) / config.steps);
    }
    let trainLoss: number | null = null;
    let testLoss: number | null = null;
    let testAccuracy: number | null = null;
    if (divergedAt === null) {
      const tr = evaluate(model, dataset.train, inputDim, spacedRows(dataset.train.rows, config.evalRows ?? 1024));
      const te = evaluate(model, dataset.test, inputDim, spacedRows(dataset.test.rows, dataset.test.rows));
      if (Number.isFinite(tr.loss) && Number.isFinite(te.loss)) {
        trainLoss = tr.loss;
        testLoss = te.loss;
        testAccuracy = te.accuracy;
      } else {
        divergedAt = config.steps;
      }
    }
    return {
      config,
      diverged: divergedAt !== null,
      divergedAtStep: divergedAt,
      trainLoss,
      testLoss,
      testAccuracy,
      curve,
      elapsedMs: Date.now() - started,
    };
  } finally {
    model.free();
  }
}
