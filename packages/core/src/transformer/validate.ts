// Boundary checks of the Transformer API: shapes, parameterizations, tasks, training options and batches. Each bad
// value is an InvalidArgumentError (or ShapeError) naming the parameter, its value and what is allowed.
import { InvalidArgumentError, ShapeError } from '../base/errors.js';
import { checkSeed } from '../base/rng.js';
import { options, positiveInt } from '../base/validate.js';
import type { TransformerBatch, TransformerParameterization, TransformerShape, TransformerTask, TransformerTrainOptions } from './api.js';

/** Largest d_model the engine takes (as for the MLP: a width² f32 matrix stays well inside WebAssembly memory). */
export const MAX_TRANSFORMER_WIDTH = 8192;
/** Longest sequence the engine takes (the attention probabilities are batch·heads·seqLen² floats per block). */
export const MAX_SEQ_LEN = 1024;
/** Most blocks the engine takes. */
export const MAX_LAYERS = 64;

const SHAPE_KEYS = ['seqLen', 'width', 'heads', 'layers', 'mlpRatio', 'activation', 'causal', 'input', 'outputs', 'readout'];
const PARAM_KEYS = ['id', 'baseWidth', 'zeroReadout', 'zeroQuery'];
const TRAIN_KEYS = ['optimizer', 'lr', 'steps', 'batchSize', 'seed', 'beta1', 'beta2', 'eps', 'momentum', 'signal', 'onStep', 'coords', 'engine', 'threads'];

function oneOf<T>(param: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new InvalidArgumentError(param, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  return value as T;
}

function divides(param: string, heads: number, widthParam: string, width: number): void {
  if (width % heads !== 0) throw new InvalidArgumentError(widthParam, width, `a multiple of ${param} = ${heads} (d_head = width / heads must be an integer)`);
}

/** A validated copy of a shape. @throws InvalidArgumentError naming the field. */
export function checkShape(shape: TransformerShape): TransformerShape {
  options('shape', shape, true, SHAPE_KEYS);
  const heads = shape.heads;
  if (heads === 0) throw new InvalidArgumentError('heads', heads, 'an integer from 1 to width (0 heads: attention needs at least one)');
  const width = positiveInt('width', shape.width, MAX_TRANSFORMER_WIDTH);
  positiveInt('heads', heads, width);
  divides('heads', heads, 'width', width);
  const input = shape.input;
  if (typeof input !== 'object' || input === null) throw new InvalidArgumentError('input', input, "{ kind: 'tokens', vocab } or { kind: 'patches', dim }");
  const kind = oneOf('input.kind', input.kind, ['tokens', 'patches'] as const);
  const checkedInput =
    kind === 'tokens'
      ? { kind, vocab: positiveInt('input.vocab', (input as { vocab?: unknown }).vocab, 1 << 16) }
      : { kind, dim: positiveInt('input.dim', (input as { dim?: unknown }).dim, 1 << 14) };
  if (typeof shape.causal !== 'boolean') throw new InvalidArgumentError('causal', shape.causal, 'true or false');
  return {
    seqLen: positiveInt('seqLen', shape.seqLen, MAX_SEQ_LEN),
    width,
    heads,
    layers: positiveInt('layers', shape.layers, MAX_LAYERS),
    mlpRatio: positiveInt('mlpRatio', shape.mlpRatio, 8),
    activation: oneOf('activation', shape.activation, ['relu', 'gelu'] as const),
    causal: shape.causal,
    input: checkedInput as TransformerShape['input'],
    outputs: positiveInt('outputs', shape.outputs, 1 << 16),
    readout: oneOf('readout', shape.readout, ['every-position', 'last', 'mean'] as const),
  };
}

/** A validated copy of a parameterization for `shape`. @throws InvalidArgumentError naming the field. */
export function checkParameterization(p: TransformerParameterization, shape: TransformerShape): Required<TransformerParameterization> {
  options('parameterization', p, true, PARAM_KEYS);
  const id = oneOf('parameterization.id', p.id, ['sp', 'mup'] as const);
  const baseWidth = positiveInt('baseWidth', p.baseWidth, MAX_TRANSFORMER_WIDTH);
  divides('heads', shape.heads, 'baseWidth', baseWidth);
  for (const flag of ['zeroReadout', 'zeroQuery'] as const) {
    if (p[flag] !== undefined && typeof p[flag] !== 'boolean') throw new InvalidArgumentError(flag, p[flag], 'true, false or absent');
  }
  return { id, baseWidth, zeroReadout: p.zeroReadout ?? false, zeroQuery: p.zeroQuery ?? false };
}

/** Checks that `task` can feed `shape`. @throws InvalidArgumentError naming the mismatching field. */
export function checkTask(task: TransformerTask, shape: TransformerShape): void {
  if (typeof task !== 'object' || task === null || typeof task.batch !== 'function') {
    throw new InvalidArgumentError('task', task, 'a TransformerTask (id, input, outputs, maxSeqLen, readouts, batch)');
  }
  if (shape.seqLen > task.maxSeqLen) {
    throw new InvalidArgumentError('seqLen', shape.seqLen, `at most ${task.maxSeqLen} (the longest sequence task "${task.id}" supplies)`);
  }
  if (task.input.kind !== shape.input.kind) throw new InvalidArgumentError('input.kind', shape.input.kind, `"${task.input.kind}" (task "${task.id}")`);
  if (task.input.kind === 'tokens' && shape.input.kind === 'tokens' && task.input.vocab !== shape.input.vocab) {
    throw new InvalidArgumentError('input.vocab', shape.input.vocab, `${task.input.vocab} (task "${task.id}")`);
  }
  if (task.input.kind === 'patches' && shape.input.kind === 'patches' && task.input.dim !== shape.input.dim) {
    throw new InvalidArgumentError('input.dim', shape.input.dim, `${task.input.dim} (task "${task.id}")`);
  }
  if (task.outputs !== shape.outputs) throw new InvalidArgumentError('outputs', shape.outputs, `${task.outputs} (task "${task.id}")`);
  if (!task.readouts.includes(shape.readout)) {
    throw new InvalidArgumentError('readout', shape.readout, `one of ${task.readouts.join(', ')} (task "${task.id}")`);
  }
}

/** Validated training options with defaults filled in. */
export type CheckedTrainOptions = Required<Omit<TransformerTrainOptions, 'signal' | 'onStep'>> & Pick<TransformerTrainOptions, 'signal' | 'onStep'>;

/** @throws InvalidArgumentError naming the option. */
export function checkTrainOptions(o: TransformerTrainOptions): CheckedTrainOptions {
  options('options', o, true, TRAIN_KEYS);
  const optimizer = oneOf('optimizer', o.optimizer, ['adam', 'sgd'] as const);
  if (typeof o.lr !== 'number' || !Number.isFinite(o.lr) || o.lr <= 0) throw new InvalidArgumentError('lr', o.lr, 'a finite number > 0');
  const unit = (param: string, v: unknown, fallback: number) => {
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw new InvalidArgumentError(param, v, 'a number in [0, 1)');
    return v;
  };
  const eps = o.eps ?? 1e-8;
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps <= 0) throw new InvalidArgumentError('eps', eps, 'a finite number > 0');
  if (o.onStep !== undefined && typeof o.onStep !== 'function') throw new InvalidArgumentError('onStep', o.onStep, 'a function or absent');
  checkSeed('seed', o.seed);
  const engine = oneOf('engine', o.engine ?? 'wasm', ['wasm', 'reference'] as const);
  const threads = checkThreads(o.threads ?? 1);
  if (threads === 2 && engine === 'reference') throw new InvalidArgumentError('threads', threads, '1 with engine "reference" (the plain-TypeScript reference runs on one thread)');
  return {
    optimizer,
    lr: o.lr,
    steps: positiveInt('steps', o.steps, 1_000_000),
    batchSize: positiveInt('batchSize', o.batchSize, 4096),
    seed: o.seed,
    beta1: unit('beta1', o.beta1, 0.9),
    beta2: unit('beta2', o.beta2, 0.999),
    eps,
    momentum: unit('momentum', o.momentum, 0),
    coords: o.coords === true,
    engine,
    threads,
    signal: o.signal,
    onStep: o.onStep,
  };
}

/** Kernel threads per run: 1 or 2. @throws InvalidArgumentError naming `threads`, its value and what is allowed. */
export function checkThreads(threads: unknown): 1 | 2 {
  if (threads !== 1 && threads !== 2) throw new InvalidArgumentError('threads', threads, '1 or 2');
  return threads;
}

/** Checks a batch the task drew against the shape (a task bug must not corrupt memory). @throws ShapeError / InvalidArgumentError. */
export function checkBatch(batch: TransformerBatch, shape: TransformerShape, size: number): void {
  const { seqLen, input, readout, outputs } = shape;
  if (typeof batch !== 'object' || batch === null || batch.size !== size) throw new InvalidArgumentError('batch.size', batch?.size, `${size} (the batch size asked for)`);
  const checkLabels = (labels: Int32Array | undefined, n: number, max: number, param: string) => {
    if (!(labels instanceof Int32Array)) throw new InvalidArgumentError(param, labels, 'an Int32Array');
    if (labels.length !== n) throw new ShapeError(param, labels.length, n, 'one per prediction');
    for (let i = 0; i < n; i++) if (!(labels[i]! >= 0 && labels[i]! < max)) throw new InvalidArgumentError(`${param}[${i}]`, labels[i], `an integer from 0 to ${max - 1}`);
  };
  const perPosition = readout === 'every-position';
  if (input.kind === 'tokens') {
    checkLabels(batch.tokens, size * (seqLen + (perPosition ? 1 : 0)), input.vocab, 'batch.tokens');
    if (perPosition && input.vocab !== outputs) throw new InvalidArgumentError('outputs', outputs, `${input.vocab} (next-token prediction over the vocabulary)`);
    if (!perPosition) checkLabels(batch.labels, size, outputs, 'batch.labels');
  } else {
    if (!(batch.inputs instanceof Float32Array)) throw new InvalidArgumentError('batch.inputs', batch.inputs, 'a Float32Array');
    if (batch.inputs.length !== size * seqLen * input.dim) throw new ShapeError('batch.inputs', batch.inputs.length, size * seqLen * input.dim, 'size × seqLen × dim');
    checkLabels(batch.labels, perPosition ? size * seqLen : size, outputs, 'batch.labels');
  }
}
