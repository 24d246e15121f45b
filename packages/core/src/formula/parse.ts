// Text → checked formula tree. mathjs (its numbers-only build) parses; then every node is checked against a grammar
// (variables, named constants, operators, functions with their arities) and rebuilt as a FormulaNode — anything else
// (assignments, function definitions, property access, matrices, comparisons, strings, units…) is rejected by name
// before anything runs. Cost is bounded by the length limit and the node budget: one pass over at most maxNodes nodes.
import { parse, type MathNode } from 'mathjs/number';
import { editDistance } from '../base/edit-distance.js';
import { FormulaError } from './error.js';
import { call, constant, num, operator, variable, type FormulaNode, type OperatorName } from './tree.js';

/** What a formula may contain, and how large it may be. */
export interface FormulaGrammar {
  variables: readonly string[];
  constants: Readonly<Record<string, number>>;
  /** Callable functions with their [min, max] number of arguments. */
  functions: Readonly<Record<string, { arity: readonly [number, number] }>>;
  operators: readonly OperatorName[];
  maxLength: number;
  maxNodes: number;
}

export interface ParsedFormula {
  /** The formula as typed, trimmed. */
  text: string;
  tree: FormulaNode;
  /** The formula as mathjs prints its tree (a normal form: implicit products made explicit). */
  normalized: string;
  /** The grammar's variables the formula uses, in the grammar's order. */
  variables: string[];
}

const DESCRIBE: Record<string, string> = {
  AssignmentNode: 'assignments',
  FunctionAssignmentNode: 'function definitions',
  AccessorNode: 'property or index access',
  IndexNode: 'indexing',
  ArrayNode: 'matrices and lists',
  ObjectNode: 'objects',
  BlockNode: 'several statements',
  ConditionalNode: 'conditionals (?:)',
  RangeNode: 'ranges',
  RelationalNode: 'comparisons',
};

const OPERATOR_SYMBOLS: Record<OperatorName, string> = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^', unaryMinus: '-', unaryPlus: '+', mod: 'mod' };

function nearest(name: string, candidates: readonly string[]): string | undefined {
  const scored = candidates.map((c) => ({ c, d: c.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name.toLowerCase(), c.toLowerCase()) }));
  scored.sort((a, b) => a.d - b.d);
  const best = scored[0];
  return best && best.d <= Math.max(1, Math.floor(name.length / 2)) ? best.c : undefined;
}

/**
 * Parses `formula` and checks it against `grammar`.
 * @throws FormulaError naming the problem: not a string, empty, longer than maxLength, a syntax error (with its
 *   position), an unknown variable or function (with the nearest known name), a construct other than arithmetic, a
 *   non-finite or non-numeric constant, a wrong number of arguments, or more than maxNodes nodes.
 */
export function parseFormulaText(formula: unknown, grammar: FormulaGrammar): ParsedFormula {
  if (typeof formula !== 'string') throw new FormulaError('syntax', String(formula), 'must be a string');
  const text = formula.trim();
  if (text === '') throw new FormulaError('empty', formula, `is empty: write an expression such as ${grammar.variables[0] ?? 'x'}^2`);
  if (text.length > grammar.maxLength) {
    throw new FormulaError('too-long', formula, `is too long (${text.length} characters, at most ${grammar.maxLength})`);
  }
  let root: MathNode;
  try {
    root = parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new FormulaError('syntax', formula, `is not a valid expression: ${why}`);
  }
  const known = new Set(grammar.variables);
  const allowedOperators = new Set<string>(grammar.operators);
  const used = new Set<string>();
  const symbolNames = [...grammar.variables, ...Object.keys(grammar.constants)];
  let nodes = 0;

  const convert = (node: MathNode): FormulaNode => {
    if (++nodes > grammar.maxNodes) throw new FormulaError('too-complex', formula, `has more than ${grammar.maxNodes} terms`);
    switch (node.type) {
      case 'ParenthesisNode':
        return convert((node as unknown as { content: MathNode }).content);
      case 'ConstantNode': {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw new FormulaError('bad-constant', formula, `contains ${JSON.stringify(String(value))}, which is not a finite number`, String(value));
        }
        return num(value);
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        if (known.has(name)) {
          used.add(name);
          return variable(name);
        }
        if (Object.hasOwn(grammar.constants, name)) return constant(name, grammar.constants[name]!);
        const hint = nearest(name, symbolNames);
        throw new FormulaError(
          'unknown-variable',
          formula,
          `uses unknown variable ${JSON.stringify(name)}${hint ? ` (did you mean ${hint}?)` : ''}; known: ${symbolNames.join(', ')}`,
          name,
        );
      }
      case 'OperatorNode': {
        const op = node as unknown as { fn: string; op: string; args: MathNode[] };
        if (!allowedOperators.has(op.fn)) {
          const allowed = grammar.operators.filter((o) => o !== 'unaryPlus' && o !== 'unaryMinus').map((o) => OPERATOR_SYMBOLS[o]);
          throw new FormulaError('not-allowed', formula, `uses the operator ${JSON.stringify(op.op)}, which is not allowed (use ${allowed.join(' ')})`, op.op);
        }
        return operator(op.fn as OperatorName, op.args.map(convert));
      }
      case 'FunctionNode': {
        const fnNode = (node as unknown as { fn: MathNode & { name?: string }; args: MathNode[] });
        const name = fnNode.fn.type === 'SymbolNode' ? fnNode.fn.name! : undefined;
        const spec = name !== undefined && Object.hasOwn(grammar.functions, name) ? grammar.functions[name] : undefined;
        const names = Object.keys(grammar.functions);
        if (!spec || name === undefined) {
          const hint = name ? nearest(name, names) : undefined;
          throw new FormulaError(
            'unknown-function',
            formula,
            `calls unknown function ${JSON.stringify(name ?? fnNode.fn.toString())}${hint ? ` (did you mean ${hint}?)` : ''}; known: ${names.join(', ')}`,
            name,
          );
        }
        const [lo, hi] = spec.arity;
        if (fnNode.args.length < lo || fnNode.args.length > hi) {
          throw new FormulaError('syntax', formula, `calls ${name} with ${fnNode.args.length} arguments (expected ${lo === hi ? lo : `${lo} to ${hi}`})`, name);
        }
        return call(name, fnNode.args.map(convert));
      }
      default:
        throw new FormulaError(
          'not-allowed',
          formula,
          `contains ${DESCRIBE[node.type] ?? node.type}, which is not allowed: write arithmetic in ${grammar.variables.join(', ')}`,
          node.type,
        );
    }
  };
  const tree = convert(root);
  return { text, tree, normalized: root.toString({ implicit: 'show' }), variables: grammar.variables.filter((v) => used.has(v)) };
}
