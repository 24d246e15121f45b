// The network (input → width → width → classes, ReLU) and the per-tensor numbers a parameterization gives it.
import { InvalidArgumentError } from '../base/errors.js';
import { positiveInt } from '../base/validate.js';
import { PARAMETERIZATIONS, scale, type Parameterization, type ParameterizationId, type TensorRole } from './parameterization.js';

/** Largest width the engine accepts (a 16384² hidden matrix is 1 GiB of f32, half the WebAssembly memory). */
export const MAX_WIDTH = 8192;

/** The MLP input → width → width → classes. */
export interface MlpShape {
  inputDim: number;
  width: number;
  classes: number;
}

/** The optimizers the trainer runs. */
export type OptimizerKind = 'sgd' | 'adam' | 'signgd';

/** Options microsoft/mup users expect, on top of the parameterization's table. */
export interface ScalingOptions {
  parameterization: ParameterizationId | Parameterization;
  /** Width at which every ratio is 1 (μP = SP there). */
  baseWidth: number;
  /** Multiplies the init standard deviation of every weight (default 1). */
  initScale?: number;
  /** α_in: multiplies the input layer's product (default 1). */
  inputMultiplier?: number;
  /** α_out: multiplies the output layer's product (default 1). */
  outputMultiplier?: number;
  /** Initialise the readout (output weights) to zero, as TP5 recommends (default false). */
  zeroReadout?: boolean;
}

/** The MLP's weights and biases, input to output. */
export type TensorName = 'W1' | 'b1' | 'W2' | 'b2' | 'W3' | 'b3';

/** One parameter tensor and what the parameterization makes of it. Weights are (rows, cols) = (fan_out, fan_in). */
export interface TensorPlan {
  name: TensorName;
  role: TensorRole;
  rows: number;
  cols: number;
  fanIn: number;
  fanOut: number;
  /** Standard deviation of the Gaussian init (0: zeros). */
  initStd: number;
  /** Forward multiplier of the layer's product (weights; 1 for biases). */
  multiplier: number;
  /** Learning-rate factors per optimizer family (the global LR times this is the tensor's LR). */
  sgdLr: number;
  adamLr: number;
  adamEps: number;
}

/** The parameterization for an id (or the object itself). @throws InvalidArgumentError for an unknown id. */
export function resolveParameterization(p: ParameterizationId | Parameterization): Parameterization {
  if (typeof p === 'object' && p !== null && 'rules' in p) return p;
  const found = PARAMETERIZATIONS[p as ParameterizationId];
  if (!found) throw new InvalidArgumentError('parameterization', p, `one of ${Object.keys(PARAMETERIZATIONS).join(', ')}`);
  return found;
}

export function checkShape(shape: MlpShape): MlpShape {
  return {
    inputDim: positiveInt('inputDim', shape.inputDim, 1 << 16),
    width: positiveInt('width', shape.width, MAX_WIDTH),
    classes: positiveInt('classes', shape.classes, 1 << 12),
  };
}

function positiveFinite(param: string, v: unknown, fallback: number): number {
  const x = v ?? fallback;
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) throw new InvalidArgumentError(param, x, 'a finite number > 0');
  return x;
}

/**
 * Per-tensor init std, multiplier and LR factors for `shape` under a parameterization.
 * @throws InvalidArgumentError for a bad width, base width, multiplier or parameterization name.
 */
export function planTensors(shape: MlpShape, options: ScalingOptions): TensorPlan[] {
  const { inputDim, width, classes } = checkShape(shape);
  const base = positiveInt('baseWidth', options.baseWidth, MAX_WIDTH);
  const p = resolveParameterization(options.parameterization);
  const initScale = positiveFinite('initScale', options.initScale, 1);
  const alphaIn = positiveFinite('inputMultiplier', options.inputMultiplier, 1);
  const alphaOut = positiveFinite('outputMultiplier', options.outputMultiplier, 1);
  // [name, role, fan_in, fan_out, base fan_in, base fan_out]
  const layout: [TensorName, TensorRole, number, number, number, number][] = [
    ['W1', 'input', inputDim, width, inputDim, base],
    ['b1', 'bias', 1, width, 1, base],
    ['W2', 'hidden', width, width, base, base],
    ['b2', 'bias', 1, width, 1, base],
    ['W3', 'output', width, classes, base, classes],
    ['b3', 'bias', 1, classes, 1, classes],
  ];
  return layout.map(([name, role, fanIn, fanOut, baseIn, baseOut]) => {
    const r = p.rules[role];
    const f = (rule: typeof r.initVar) => scale(rule, fanIn, fanOut, baseIn, baseOut, width / base);
    const isBias = role === 'bias';
    const extra = name === 'W1' ? alphaIn : name === 'W3' ? alphaOut : 1;
    const zero = isBias || (name === 'W3' && options.zeroReadout === true);
    return {
      name,
      role,
      rows: isBias ? 1 : fanOut,
      cols: isBias ? fanOut : fanIn,
      fanIn,
      fanOut,
      // Biases start at zero (TP5 §3's MLP); the table's bias variance is a scale, not a requirement.
      initStd: zero ? 0 : initScale * Math.sqrt(f(r.initVar) / baseIn),
      multiplier: isBias ? 1 : f(r.multiplier) * extra,
      sgdLr: f(r.sgdLr),
      adamLr: f(r.adamLr),
      adamEps: f(r.adamEps),
    };
  });
}
