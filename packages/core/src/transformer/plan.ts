// The Transformer's parameter tensors and what a parameterization makes of each: init, forward multiplier, learning
// rates, and the attention logits' scale. Shared by the reference and the WebAssembly model (same order, same numbers).
import { scale } from '../mup/parameterization.js';
import { powDet } from '../libm/index.js';
import type { TransformerParameterization, TransformerShape } from './api.js';
import { TRANSFORMER_TABLES, type TransformerRole } from './parameterization.js';

/** One tensor: (rows, cols) = (fan_out, fan_in) for matrices; vectors are 1 × n. */
export interface TransformerTensorPlan {
  name: string;
  role: TransformerRole;
  /** Block index, or -1 for the embedding, positional embedding, final LayerNorm and readout. */
  layer: number;
  rows: number;
  cols: number;
  fanIn: number;
  fanOut: number;
  init: 'normal' | 'ones' | 'zeros';
  /** Standard deviation of the Gaussian init (used when init = 'normal'; 0 means zeros). */
  initStd: number;
  /** Forward multiplier on the tensor's product (1 for LayerNorm vectors). */
  multiplier: number;
  sgdLr: number;
  adamLr: number;
}

/** Every tensor in order (init draws follow it) plus the attention scale. */
export interface TransformerPlan {
  tensors: TransformerTensorPlan[];
  /** Multiplies q·k in every head. */
  attentionScale: number;
  dHead: number;
  hidden: number;
}

/** Tensor names of block l. */
export const blockTensorNames = (l: number) => ({
  ln1g: `block.${l}.ln1.gain`,
  ln1b: `block.${l}.ln1.bias`,
  q: `block.${l}.attn.q`,
  k: `block.${l}.attn.k`,
  v: `block.${l}.attn.v`,
  o: `block.${l}.attn.o`,
  ln2g: `block.${l}.ln2.gain`,
  ln2b: `block.${l}.ln2.bias`,
  mlpIn: `block.${l}.mlp.in`,
  mlpOut: `block.${l}.mlp.out`,
});

/**
 * The plan for a validated shape and parameterization (see validate.ts). Every width-dependent number is the base
 * width's value times powers of the fan ratios, so at width = baseWidth both tables give the same numbers exactly.
 */
export function planTransformer(shape: TransformerShape, p: Required<TransformerParameterization>): TransformerPlan {
  const table = TRANSFORMER_TABLES[p.id];
  const { width: d, layers, outputs } = shape;
  const base = p.baseWidth;
  const hidden = shape.mlpRatio * d;
  const baseHidden = shape.mlpRatio * base;
  const inFan = shape.input.kind === 'tokens' ? 1 : shape.input.dim;
  const tensors: TransformerTensorPlan[] = [];
  // [name, role, layer, rows, cols, fan_in, fan_out, base fan_in, base fan_out]
  const add = (name: string, role: TransformerRole, layer: number, rows: number, cols: number, fans: [number, number, number, number]) => {
    const [fanIn, fanOut, baseIn, baseOut] = fans;
    const rule = table.rules[role];
    const f = (r: typeof rule.initVar) => scale(r, fanIn, fanOut, baseIn, baseOut);
    const zero = (role === 'readout' && p.zeroReadout) || (role === 'attn-q' && p.zeroQuery);
    tensors.push({
      name,
      role,
      layer,
      rows,
      cols,
      fanIn,
      fanOut,
      init: zero ? 'zeros' : rule.init,
      initStd: zero || rule.init !== 'normal' ? 0 : Math.sqrt(f(rule.initVar) / baseIn),
      multiplier: f(rule.multiplier),
      sgdLr: f(rule.sgdLr),
      adamLr: f(rule.adamLr),
    });
  };
  const vec = (fanOut: number, baseOut: number): [number, number, number, number] => [1, fanOut, 1, baseOut];
  // Token embedding: a lookup is a product with a one-hot vector, fan_in 1. Patches: a (width × dim) matrix.
  if (shape.input.kind === 'tokens') add('embedding', 'embedding', -1, shape.input.vocab, d, [inFan, d, inFan, base]);
  else add('embedding', 'embedding', -1, d, inFan, [inFan, d, inFan, base]);
  add('positional', 'positional', -1, shape.seqLen, d, [1, d, 1, base]);
  for (let l = 0; l < layers; l++) {
    const n = blockTensorNames(l);
    add(n.ln1g, 'ln-gain', l, 1, d, vec(d, base));
    add(n.ln1b, 'ln-bias', l, 1, d, vec(d, base));
    add(n.q, 'attn-q', l, d, d, [d, d, base, base]);
    add(n.k, 'attn-k', l, d, d, [d, d, base, base]);
    add(n.v, 'attn-v', l, d, d, [d, d, base, base]);
    add(n.o, 'attn-o', l, d, d, [d, d, base, base]);
    add(n.ln2g, 'ln-gain', l, 1, d, vec(d, base));
    add(n.ln2b, 'ln-bias', l, 1, d, vec(d, base));
    add(n.mlpIn, 'mlp-in', l, hidden, d, [d, hidden, base, baseHidden]);
    add(n.mlpOut, 'mlp-out', l, d, hidden, [hidden, d, baseHidden, base]);
  }
  add('final.ln.gain', 'ln-gain', -1, 1, d, vec(d, base));
  add('final.ln.bias', 'ln-bias', -1, 1, d, vec(d, base));
  add('readout', 'readout', -1, outputs, d, [d, outputs, base, outputs]);
  const dHead = d / shape.heads;
  const baseDHead = base / shape.heads;
  const attentionScale = (1 / Math.sqrt(baseDHead)) * powDet(dHead / baseDHead, table.attentionExponent);
  return { tensors, attentionScale, dHead, hidden };
}
