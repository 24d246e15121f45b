// User cost formulas h(x): parsed by mathjs, checked against a whitelist, differentiated symbolically, and evaluated
// by closures over the syntax trees with the deterministic libm (never eval or new Function).
import { derivative, parse, type MathNode } from 'mathjs';
import { InvalidArgumentError } from '../errors.js';
import { compileCostTree } from './formula-eval.js';

/** Functions a formula may call. */
export const FORMULA_FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sinh', 'cosh', 'atan'] as const;
/** Symbols a formula may name: the variable x and two constants. */
export const FORMULA_SYMBOLS = ['x', 'pi', 'e'] as const;
const OPERATORS = new Set(['+', '-', '*', '/', '^']);
const MAX_LENGTH = 500;

/** A parsed cost h(x) with its symbolic derivative. */
export interface FormulaCost {
  expression: string;
  /** h'(x) as mathjs prints it. */
  derivative: string;
  h(x: number): number;
  dh(x: number): number;
}

function reject(expression: string, why: string): never {
  throw new InvalidArgumentError('formula', expression, `a formula in x (${why})`);
}

/** Throws unless every node is a number, an allowed symbol, + − * / ^, parentheses or an allowed function call. */
function checkWhitelist(expression: string, root: MathNode): void {
  root.traverse((node, path, parent) => {
    switch (node.type) {
      case 'ConstantNode':
        if (typeof (node as unknown as { value: unknown }).value !== 'number') reject(expression, 'only numeric constants');
        return;
      case 'ParenthesisNode':
        return;
      case 'OperatorNode': {
        const op = (node as unknown as { op: string }).op;
        if (!OPERATORS.has(op)) reject(expression, `operator "${op}" is not allowed; use + - * / ^`);
        return;
      }
      case 'FunctionNode': {
        const fn = (node as unknown as { fn: MathNode }).fn;
        const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
        if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name)) {
          reject(expression, `unknown function "${name || fn.toString()}"; allowed: ${FORMULA_FUNCTIONS.join(', ')}`);
        }
        return;
      }
      case 'SymbolNode': {
        if (parent?.type === 'FunctionNode' && path === 'fn') return; // checked with its FunctionNode
        const name = (node as unknown as { name: string }).name;
        if (!(FORMULA_SYMBOLS as readonly string[]).includes(name)) {
          reject(expression, `unknown symbol "${name}"; allowed: ${FORMULA_SYMBOLS.join(', ')}`);
        }
        return;
      }
      default:
        reject(expression, `${node.type} is not allowed`);
    }
  });
}

/**
 * Parses a cost h(x) such as `exp(-2*x^2)` or `(x - 3)^2` and differentiates it symbolically.
 * @throws InvalidArgumentError (param 'formula') for text mathjs cannot parse, anything outside the whitelist
 * (numbers, x, pi, e, + − * / ^, parentheses, FORMULA_FUNCTIONS), or a formula longer than 500 characters.
 */
export function parseFormula(expression: string): FormulaCost {
  if (typeof expression !== 'string' || expression.trim() === '') throw new InvalidArgumentError('formula', expression, 'a non-empty formula in x');
  if (expression.length > MAX_LENGTH) reject(expression, `at most ${MAX_LENGTH} characters`);
  let root: MathNode;
  try {
    root = parse(expression);
  } catch (error) {
    reject(expression, error instanceof Error ? error.message : 'parse error');
  }
  checkWhitelist(expression, root);
  let d: MathNode;
  try {
    d = derivative(root, 'x');
  } catch (error) {
    reject(expression, `cannot differentiate: ${error instanceof Error ? error.message : String(error)}`);
  }
  let h: (x: number) => number;
  let dh: (x: number) => number;
  try {
    h = compileCostTree(root);
    dh = compileCostTree(d);
  } catch (error) {
    reject(expression, error instanceof Error ? error.message : String(error));
  }
  // Deterministic elementary functions (same bits in every engine); complex results (sqrt(-1)) come out NaN.
  return { expression, derivative: d.toString(), h, dh };
}
