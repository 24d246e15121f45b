// Symbolic d/dx of a formula tree by the textbook rules, built with simplifying builders (constants folded, ×1, +0
// and ×0 dropped) under a size budget. Each node of the input is differentiated once and each rule builds O(1) nodes,
// so the work is linear in the input and the result is refused (FormulaError 'too-complex') as soon as it would exceed
// the budget — no general simplifier runs (mathjs' simplify takes exponential time on x*x*…*x or sin(sin(…))).
import { FormulaError } from './error.js';
import { builders, num, SizeBudgetExceeded, type FormulaNode } from './tree.js';

/** Largest derivative tree built (nodes): evaluating it costs about this many operations per sample. */
export const MAX_DERIVATIVE_NODES = 2000;

/** Functions d/dx knows; the derivative may call `sign` (for abs), which evaluators must provide. */
export const DIFFERENTIABLE_FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sinh', 'cosh', 'atan'] as const;

/**
 * The derivative of `tree` with respect to `variable`.
 * @throws FormulaError 'too-complex' if it would have more than `budget` nodes; 'not-differentiable' for a function
 *   without a rule here (floor, mod, …).
 */
export function differentiate(tree: FormulaNode, variable: string, formulaText: string, budget = MAX_DERIVATIVE_NODES): FormulaNode {
  const { add, neg, sub, mul, div, pow, fn, isZero } = builders(budget);
  const d = (node: FormulaNode): FormulaNode => {
    switch (node.kind) {
      case 'number':
      case 'constant':
        return num(0);
      case 'variable':
        return num(node.name === variable ? 1 : 0);
      case 'operator': {
        const [a, b] = node.args as [FormulaNode, FormulaNode | undefined];
        const da = d(a);
        switch (node.op) {
          case 'unaryPlus':
            return da;
          case 'unaryMinus':
            return neg(da);
          case 'add':
            return add(da, d(b!));
          case 'subtract':
            return sub(da, d(b!));
          case 'multiply':
            return add(mul(da, b!), mul(a, d(b!)));
          case 'divide': {
            const db = d(b!);
            if (isZero(db)) return div(da, b!);
            // (a′b − ab′)/b²
            return div(sub(mul(da, b!), mul(a, db)), pow(b!, num(2)));
          }
          case 'pow': {
            const db = d(b!);
            if (isZero(db)) {
              // a^c: c·a^(c−1)·a′
              if (isZero(da)) return num(0);
              return mul(mul(b!, pow(a, sub(b!, num(1)))), da);
            }
            // a^b = exp(b·log a): a^b·(b′·log a + b·a′/a); for the constant e, log e = 1.
            const logA = a.kind === 'constant' && a.name === 'e' ? num(1) : fn('log', a);
            return mul(node, add(mul(db, logA), isZero(da) ? num(0) : div(mul(b!, da), a)));
          }
          case 'mod':
            throw new FormulaError('not-differentiable', formulaText, 'uses mod, which has no derivative rule here', 'mod');
        }
        break;
      }
      case 'call': {
        const u = node.args[0]!;
        const du = d(u);
        if (isZero(du) && node.args.length === 1) return num(0);
        const two = num(2);
        switch (node.name) {
          case 'sin':
            return mul(fn('cos', u), du);
          case 'cos':
            return neg(mul(fn('sin', u), du));
          case 'tan':
            return div(du, pow(fn('cos', u), two));
          case 'exp':
            return mul(node, du);
          case 'log': {
            if (node.args.length === 1) return div(du, u);
            // log(u, b) = log(u)/log(b)
            return d(div(fn('log', u), fn('log', node.args[1]!)));
          }
          case 'sqrt':
            return div(du, mul(two, node));
          case 'abs':
            return mul(fn('sign', u), du);
          case 'tanh':
            return div(du, pow(fn('cosh', u), two));
          case 'sinh':
            return mul(fn('cosh', u), du);
          case 'cosh':
            return mul(fn('sinh', u), du);
          case 'atan':
            return div(du, add(num(1), pow(u, two)));
          default:
            throw new FormulaError('not-differentiable', formulaText, `calls ${node.name}, which has no derivative rule here`, node.name);
        }
      }
    }
    throw new FormulaError('not-differentiable', formulaText, 'has a part with no derivative rule here');
  };
  try {
    return d(tree);
  } catch (error) {
    if (!(error instanceof SizeBudgetExceeded)) throw error;
    throw new FormulaError('too-complex', formulaText, `has a derivative of more than ${budget} terms (write it more simply, e.g. x^16 instead of x*x*…*x)`);
  }
}
