// Parameterizations as data: for each kind of tensor, how its init variance, forward multiplier and learning rates
// scale with its fan-in and fan-out. Training reads these tables; the `mup-table` experiment renders the same objects.
//
// Every entry is relative to a base shape (the same network at the base width): value = c · (fan_in / base_fan_in)^a
// · (fan_out / base_fan_out)^b · ñ^w (ñ = width / base width), with c = 1/base_fan_in for the init variance and 1 for
// the rest. So at the base width every ratio is 1 and μP is SP, as TP5 (Yang, Hu et al. 2022) prescribes. The tables
// of the paper need only the fans; ñ serves controls that move a whole group of tensors by the width ratio, including
// the output bias, whose fans do not change with width.
import { powDet } from '../libm/index.js';

/** Input weights (fan-in = input dimension), hidden weights (width → width), output weights (width → classes), biases. */
export type TensorRole = 'input' | 'hidden' | 'output' | 'bias';

/** Exponents of a power law in the fan ratios: (fan_in/base)^fanIn · (fan_out/base)^fanOut · ñ^width. */
export interface Scaling {
  fanIn: number;
  fanOut: number;
  /** Exponent of the network's width ratio ñ = width/base width (0 when absent). */
  width?: number;
}

/** How one kind of tensor scales. */
export interface RoleRule {
  initVar: Scaling;
  /** Forward multiplier on the tensor's product (weights only: a bias's multiplier is 1 in every table). */
  multiplier: Scaling;
  sgdLr: Scaling;
  /** Also used for SignGD (a sign update has Adam's scale). */
  adamLr: Scaling;
  /** Adam's ε; scaling it with the gradient's scale makes equivalent tables give equal steps. */
  adamEps: Scaling;
}

/** The built-in parameterizations: SP, μP as in TP5 Table 3, Table 8's equivalent form, and SP with μP's input/bias learning rates (a control). */
export type ParameterizationId = 'sp' | 'mup' | 'mup-table8' | 'sp-mup-vector-lr';

/** A parameterization as data: per tensor role, powers of fan-in/fan-out for init, multiplier and learning rate. */
export interface Parameterization {
  id: ParameterizationId;
  name: string;
  /** Where it comes from. */
  source: string;
  rules: Record<TensorRole, RoleRule>;
}

const ONE: Scaling = { fanIn: 0, fanOut: 0 };
const s = (fanIn: number, fanOut = 0): Scaling => ({ fanIn, fanOut });
const rule = (initVar: Scaling, multiplier: Scaling, sgdLr: Scaling, adamLr: Scaling, adamEps: Scaling = ONE): RoleRule => ({
  initVar,
  multiplier,
  sgdLr,
  adamLr,
  adamEps,
});

/** Standard parameterization: init variance 1/fan_in everywhere, one global learning rate, no multipliers. */
export const SP: Parameterization = {
  id: 'sp',
  name: 'SP',
  source: 'standard (PyTorch-style) parameterization: init var 1/fan_in, one global LR',
  rules: {
    input: rule(s(-1), ONE, ONE, ONE),
    hidden: rule(s(-1), ONE, ONE, ONE),
    output: rule(s(-1), ONE, ONE, ONE),
    bias: rule(s(-1), ONE, ONE, ONE),
  },
};

/** μP in the form of TP5 Table 3 (no multipliers; the output layer's init and LRs carry the 1/fan_in). */
export const MUP_TABLE3: Parameterization = {
  id: 'mup',
  name: 'μP (Table 3)',
  source: 'Tensor Programs V, Table 3',
  rules: {
    input: rule(s(-1), ONE, s(0, 1), ONE),
    hidden: rule(s(-1), ONE, ONE, s(-1)),
    output: rule(s(-2), ONE, s(-1), s(-1)),
    bias: rule(s(-1), ONE, s(0, 1), ONE),
  },
};

/**
 * μP in the form of TP5 Table 8 (what microsoft/mup implements): output init var 1, output multiplier 1/fan_in.
 * Adam's ε on the output weights scales as 1/fan_in, like their gradient, so that Table 3 and Table 8 take the same
 * steps exactly (TP5 notes that ε must scale with width; at ε ≪ √v the difference is negligible anyway).
 */
export const MUP_TABLE8: Parameterization = {
  id: 'mup-table8',
  name: 'μP (Table 8)',
  source: 'Tensor Programs V, Table 8',
  rules: {
    input: rule(s(-1), ONE, s(0, 1), ONE),
    hidden: rule(s(-1), ONE, ONE, s(-1)),
    output: rule(ONE, s(-1), s(1), ONE, s(-1)),
    bias: rule(s(-1), ONE, s(0, 1), ONE),
  },
};

/**
 * A control for learning-rate transfer (not a paper's table): SP, except that the input weights and every bias
 * (the tensors whose best Adam LR μP says does not depend on width) step ñ times faster than the hidden and output
 * weights, which keep SP's global LR. Relative to the hidden weights that is μP's LR for them: μP's Adam LRs are
 * (input, biases, hidden, output) = η·(1, 1, 1/ñ, 1/ñ); these are η·(ñ, ñ, 1, 1). Init stays SP's (readout var
 * 1/fan_in, not μP's 1/fan_in²). With SGD the input weights and biases take μP's SGD LR (fan_out), the rest SP's.
 */
export const SP_MUP_VECTOR_LR: Parameterization = {
  id: 'sp-mup-vector-lr',
  name: 'SP + μP input/bias LR',
  source: 'control: SP with μP’s LR ratio for the input weights and all biases (Adam: η·ñ)',
  rules: {
    input: rule(s(-1), ONE, s(0, 1), { fanIn: 0, fanOut: 0, width: 1 }),
    hidden: rule(s(-1), ONE, ONE, ONE),
    output: rule(s(-1), ONE, ONE, ONE),
    bias: rule(s(-1), ONE, s(0, 1), { fanIn: 0, fanOut: 0, width: 1 }),
  },
};

/** Every built-in parameterization by id. */
export const PARAMETERIZATIONS: Readonly<Record<ParameterizationId, Parameterization>> = {
  sp: SP,
  mup: MUP_TABLE3,
  'mup-table8': MUP_TABLE8,
  'sp-mup-vector-lr': SP_MUP_VECTOR_LR,
};

/** c·(fanIn/baseFanIn)^a·(fanOut/baseFanOut)^b·widthRatio^w (widthRatio = width / base width). */
export function scale(rule: Scaling, fanIn: number, fanOut: number, baseFanIn: number, baseFanOut: number, widthRatio = 1): number {
  return powDet(fanIn / baseFanIn, rule.fanIn) * powDet(fanOut / baseFanOut, rule.fanOut) * powDet(widthRatio, rule.width ?? 0);
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '.': '·' };
const power = (base: string, e: number) => (e === 1 ? base : `${base}${String(e).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`);

/** The paper's notation for a scaling: '1', 'fan_out', '1/fan_in²', 'fan_in·fan_out'… */
export function formatScaling(rule: Scaling): string {
  const up: string[] = [];
  const down: string[] = [];
  for (const [name, e] of [['fan_in', rule.fanIn], ['fan_out', rule.fanOut], ['ñ', rule.width ?? 0]] as const) {
    if (e > 0) up.push(power(name, e));
    if (e < 0) down.push(power(name, -e));
  }
  const num = up.length ? up.join('·') : '1';
  return down.length ? `${num}/${down.join('·')}` : num;
}

/** Whether two scalings are the same powers of fan-in and fan-out. */
export function sameScaling(a: Scaling, b: Scaling): boolean {
  return a.fanIn === b.fanIn && a.fanOut === b.fanOut && (a.width ?? 0) === (b.width ?? 0);
}
