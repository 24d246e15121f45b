// User cost formulas h(x) of the gradient estimators: the cost grammar (x, pi, e, + − * / ^ and the differentiable
// functions), the bounded symbolic derivative, and closures evaluating both with the deterministic libm (never eval or
// new Function), so costs, exact quadrature values and JS-sampled estimates have the same bits in every engine.
import { differentiate, DIFFERENTIABLE_FUNCTIONS } from './derivative.js';
import { compileFormulaTree } from './evaluate.js';
import { FORMULA_EVALUATORS, formulaFunctions } from './functions.js';
import { parseFormulaText, type FormulaGrammar } from './parse.js';
import { formatFormula, type FormulaNode } from './tree.js';

/** Functions a formula may call. */
export const FORMULA_FUNCTIONS = DIFFERENTIABLE_FUNCTIONS;
/** Symbols a formula may name: the variable x and two constants. */
export const FORMULA_SYMBOLS = ['x', 'pi', 'e'] as const;
/** Longest formula accepted (characters) and most syntax-tree nodes. */
export const MAX_FORMULA_LENGTH = 500;
export const MAX_FORMULA_NODES = 300;

const GRAMMAR: FormulaGrammar = {
  variables: ['x'],
  constants: { pi: Math.PI, e: Math.E },
  functions: formulaFunctions(FORMULA_FUNCTIONS),
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

const compileInX = (tree: FormulaNode, text: string) => compileFormulaTree<number>(tree, FORMULA_EVALUATORS, () => (x) => x, text);

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
