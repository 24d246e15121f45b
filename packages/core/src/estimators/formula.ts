// User cost formulas h(x): the shared formula module's parser with the cost grammar (x, pi, e, + − * / ^ and the
// functions below), its bounded symbolic derivative, and closures evaluating both with the deterministic libm (never
// eval or new Function), so costs, exact quadrature values and JS-sampled estimates have the same bits in every engine.
import {
  compileFormulaTree,
  differentiate,
  DIFFERENTIABLE_FUNCTIONS,
  formatFormula,
  parseFormulaText,
  type FormulaFn,
  type FormulaGrammar,
  type FormulaNode,
} from '../formula/index.js';
import { atanDet, coshDet, cosDet, expDet, logDet, sinDet, sinhDet, tanDet, tanhDet } from '../libm/index.js';

/** Functions a formula may call. */
export const FORMULA_FUNCTIONS = DIFFERENTIABLE_FUNCTIONS;
/** Symbols a formula may name: the variable x and two constants. */
export const FORMULA_SYMBOLS = ['x', 'pi', 'e'] as const;
/** Longest formula accepted (characters) and most syntax-tree nodes. */
export const MAX_FORMULA_LENGTH = 500;
export const MAX_FORMULA_NODES = 300;

// The whitelist's functions plus `sign`, which derivatives of abs call.
const EVALUATORS: Record<string, FormulaFn> = {
  sin: (x) => sinDet(x!),
  cos: (x) => cosDet(x!),
  tan: (x) => tanDet(x!),
  exp: (x) => expDet(x!),
  log: (x, base) => (base === undefined ? logDet(x!) : logDet(x!) / logDet(base)),
  sqrt: (x) => Math.sqrt(x!),
  abs: (x) => Math.abs(x!),
  sign: (x) => Math.sign(x!),
  tanh: (x) => tanhDet(x!),
  sinh: (x) => sinhDet(x!),
  cosh: (x) => coshDet(x!),
  atan: (x) => atanDet(x!),
};

const GRAMMAR: FormulaGrammar = {
  variables: ['x'],
  constants: { pi: Math.PI, e: Math.E },
  functions: Object.fromEntries(FORMULA_FUNCTIONS.map((name) => [name, { arity: name === 'log' ? [1, 2] : [1, 1] }])),
  operators: ['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus'],
  maxLength: MAX_FORMULA_LENGTH,
  maxNodes: MAX_FORMULA_NODES,
};

/** A parsed cost h(x) with its symbolic derivative. */
export interface FormulaCost {
  expression: string;
  /** h'(x) as text. */
  derivative: string;
  /** The checked syntax trees of h and h′ (for analyses such as their growth). */
  tree: FormulaNode;
  derivativeTree: FormulaNode;
  /** The cost h at x. */
  h(x: number): number;
  /** Its derivative h′ at x (symbolic, not finite differences). */
  dh(x: number): number;
}

const compileInX = (tree: FormulaNode, text: string) => compileFormulaTree<number>(tree, EVALUATORS, () => (x) => x, text);

/**
 * Parses a cost h(x) such as `exp(-2*x^2)` or `(x - 3)^2` and differentiates it symbolically. Bounded: at most
 * 500 characters and 300 nodes, and a derivative of at most MAX_DERIVATIVE_NODES nodes, so it returns or throws in
 * well under a millisecond whatever the input.
 * @throws FormulaError (an InvalidArgumentError, param 'formula') for text that does not parse, anything outside the
 * whitelist (numbers, x, pi, e, + − * / ^, parentheses, FORMULA_FUNCTIONS), or a formula or derivative over the limits.
 */
export function parseFormula(expression: string): FormulaCost {
  const parsed = parseFormulaText(expression, GRAMMAR);
  const derivative = differentiate(parsed.tree, 'x', parsed.text);
  return {
    expression,
    derivative: formatFormula(derivative),
    tree: parsed.tree,
    derivativeTree: derivative,
    h: compileInX(parsed.tree, parsed.text),
    dh: compileInX(derivative, parsed.text),
  };
}
