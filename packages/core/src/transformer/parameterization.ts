// SP and μP for the Transformer as data: for each role a tensor plays, how its init variance, forward multiplier and
// learning rates scale with its fans (the MLP tables' `Scaling`, relative to the same tensor at the base width), plus
// how the attention logits are scaled with d_head. At the base width every ratio is 1, so μP is SP bit for bit.
//
// μP here is TP5's Table 8 form (what microsoft/mup implements): embeddings, positional embeddings, LayerNorm gains and
// biases are "input weights & biases" (vector-like: Adam LR constant in width, SGD LR ∝ fan_out); Q, K, V, the attention
// output and both MLP matrices are hidden (Adam LR ∝ 1/fan_in); the readout has init variance constant in width,
// forward multiplier 1/fan_in (the 1/ñ of microsoft/mup's MuReadout) and Adam LR constant. Attention logits are
// q·k/d_head (TP5 §4, App. B), written as (1/√d_head,base)·(d_head,base/d_head) so the base width gives SP's 1/√d_head.
import type { Scaling } from '../mup/parameterization.js';
import type { TransformerParameterizationId } from './api.js';

/** The kinds of tensors in the Transformer. */
export type TransformerRole =
  | 'embedding'
  | 'positional'
  | 'ln-gain'
  | 'ln-bias'
  | 'attn-q'
  | 'attn-k'
  | 'attn-v'
  | 'attn-o'
  | 'mlp-in'
  | 'mlp-out'
  | 'readout';

/** Every role, in the order tables are printed. */
export const TRANSFORMER_ROLES: readonly TransformerRole[] = [
  'embedding',
  'positional',
  'ln-gain',
  'ln-bias',
  'attn-q',
  'attn-k',
  'attn-v',
  'attn-o',
  'mlp-in',
  'mlp-out',
  'readout',
];

/** How one role scales; `init` says whether the variance rule applies (LayerNorm gains start at 1, biases at 0). */
export interface TransformerRoleRule {
  init: 'normal' | 'ones' | 'zeros';
  initVar: Scaling;
  multiplier: Scaling;
  sgdLr: Scaling;
  adamLr: Scaling;
}

/** A Transformer parameterization as data. */
export interface TransformerTable {
  id: TransformerParameterizationId;
  name: string;
  source: string;
  rules: Record<TransformerRole, TransformerRoleRule>;
  /** Attention logits are q·k·d_head,base^(−1/2)·(d_head/d_head,base)^attentionExponent. */
  attentionExponent: number;
}

const ONE: Scaling = { fanIn: 0, fanOut: 0 };
const s = (fanIn: number, fanOut = 0): Scaling => ({ fanIn, fanOut });
const normal = (initVar: Scaling, multiplier: Scaling, sgdLr: Scaling, adamLr: Scaling): TransformerRoleRule => ({
  init: 'normal',
  initVar,
  multiplier,
  sgdLr,
  adamLr,
});
const fixed = (init: 'ones' | 'zeros', sgdLr: Scaling, adamLr: Scaling): TransformerRoleRule => ({ init, initVar: ONE, multiplier: ONE, sgdLr, adamLr });

const spHidden = normal(s(-1), ONE, ONE, ONE);

/** Standard parameterization: init variance 1/fan_in, one global LR, logits q·k/√d_head. */
export const TRANSFORMER_SP: TransformerTable = {
  id: 'sp',
  name: 'SP',
  source: 'standard parameterization (PyTorch/nanoGPT-style): init var 1/fan_in, one global LR, attention 1/√d_head',
  rules: {
    embedding: spHidden,
    positional: spHidden,
    'ln-gain': fixed('ones', ONE, ONE),
    'ln-bias': fixed('zeros', ONE, ONE),
    'attn-q': spHidden,
    'attn-k': spHidden,
    'attn-v': spHidden,
    'attn-o': spHidden,
    'mlp-in': spHidden,
    'mlp-out': spHidden,
    readout: spHidden,
  },
  attentionExponent: -0.5,
};

const vectorLike = normal(s(-1), ONE, s(0, 1), ONE);
const hidden = normal(s(-1), ONE, ONE, s(-1));

/** μP (TP5 Table 8 form, as microsoft/mup): vector-like embeddings and LayerNorms, 1/fan_in hidden Adam LR, readout ×1/fan_in, attention 1/d_head. */
export const TRANSFORMER_MUP: TransformerTable = {
  id: 'mup',
  name: 'μP',
  source: 'Tensor Programs V, Table 8 and §4 (attention 1/d_head); microsoft/mup MuReadout, MuAdam',
  rules: {
    embedding: vectorLike,
    positional: vectorLike,
    'ln-gain': fixed('ones', s(0, 1), ONE),
    'ln-bias': fixed('zeros', s(0, 1), ONE),
    'attn-q': hidden,
    'attn-k': hidden,
    'attn-v': hidden,
    'attn-o': hidden,
    'mlp-in': hidden,
    'mlp-out': hidden,
    readout: normal(ONE, s(-1), s(1), ONE),
  },
  attentionExponent: -1,
};

/** The built-in tables by id. */
export const TRANSFORMER_TABLES: Readonly<Record<TransformerParameterizationId, TransformerTable>> = {
  sp: TRANSFORMER_SP,
  mup: TRANSFORMER_MUP,
};
