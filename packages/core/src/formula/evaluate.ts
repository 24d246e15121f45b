// A checked formula tree → a plain closure (never eval or new Function). The operators use the deterministic libm
// (powDet), and so must the function table the caller passes, so results have the same bits in every engine.
import { FormulaError } from './error.js';
import { FORMULA_OPERATORS, type FormulaFn } from './operators.js';
import type { FormulaNode } from './tree.js';

/**
 * Compiles `tree` into a function of A; `readVariable(name)` gives the function that reads a variable from A.
 * @throws FormulaError('unknown-function') if the tree calls a function missing from `functions`.
 */
export function compileFormulaTree<A>(
  tree: FormulaNode,
  functions: Readonly<Record<string, FormulaFn>>,
  readVariable: (name: string) => (args: A) => number,
  formulaText: string,
): (args: A) => number {
  const compile = (node: FormulaNode): ((args: A) => number) => {
    switch (node.kind) {
      case 'number':
      case 'constant': {
        const value = node.value;
        return () => value;
      }
      case 'variable':
        return readVariable(node.name);
      case 'operator': {
        const fn = FORMULA_OPERATORS[node.op]!;
        if (node.args.length === 1) {
          const a = compile(node.args[0]!);
          return (v) => fn(a(v));
        }
        const a = compile(node.args[0]!);
        const b = compile(node.args[1]!);
        return (v) => fn(a(v), b(v));
      }
      case 'call': {
        const fn = Object.hasOwn(functions, node.name) ? functions[node.name] : undefined;
        if (!fn) throw new FormulaError('unknown-function', formulaText, `calls ${node.name}, which cannot be evaluated`, node.name);
        if (node.args.length === 1) {
          const a = compile(node.args[0]!);
          return (v) => fn(a(v));
        }
        const args = node.args.map(compile);
        return (v) => fn(...args.map((a) => a(v)));
      }
    }
  };
  return compile(tree);
}
