// Claimed formulas: parsed with mathjs (its lighter numbers-only build) into a syntax tree, checked against a
// whitelist, and compiled into a plain closure over the question's variables. Nothing is ever evaluated by mathjs (or
// eval): only the node kinds, operators and functions below exist, so `__proto__`, assignments, function definitions,
// property access and matrices are rejected by name before anything runs.
import { parse, type MathNode } from 'mathjs/number';
import { Hw3Error } from '../errors.js';
import { editDistance } from '../edit-distance.js';
import { FORMULA_OPERATORS } from '../formula-operators.js';
import { expDet, log10Det, log2Det, logDet, powDet } from '../libm/index.js';

/** Longest formula accepted (characters). */
export const MAX_CLAIM_LENGTH = 500;
/** Most syntax-tree nodes accepted. */
export const MAX_CLAIM_NODES = 300;

/** Why a formula was rejected. */
export type FormulaProblem =
  | 'empty'
  | 'too-long'
  | 'syntax'
  | 'unknown-variable'
  | 'unknown-function'
  | 'not-allowed'
  | 'bad-constant'
  | 'too-complex';

/** A formula was rejected: `problem` says why, `detail` names the offending piece, `message` is for people. */
export class FormulaError extends Hw3Error {
  readonly problem: FormulaProblem;
  readonly detail: string | undefined;
  constructor(problem: FormulaProblem, formula: string, explanation: string, detail?: string) {
    super('INVALID_ARGUMENT', `formula ${clip(formula)} ${explanation}`, 'formula', formula);
    this.problem = problem;
    this.detail = detail;
  }
}

function clip(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

type Fn = (...args: number[]) => number;
/** Functions a formula may call, with their number of arguments. */
export const CLAIM_FUNCTIONS: Record<string, { arity: [number, number]; fn: Fn }> = {
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  exp: { arity: [1, 1], fn: (x) => expDet(x!) },
  log: { arity: [1, 2], fn: (x, base) => (base === undefined ? logDet(x!) : logDet(x!) / logDet(base)) },
  ln: { arity: [1, 1], fn: (x) => logDet(x!) },
  log2: { arity: [1, 1], fn: (x) => log2Det(x!) },
  log10: { arity: [1, 1], fn: (x) => log10Det(x!) },
  abs: { arity: [1, 1], fn: Math.abs },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  round: { arity: [1, 1], fn: Math.round },
  min: { arity: [1, 8], fn: Math.min },
  max: { arity: [1, 8], fn: Math.max },
  pow: { arity: [2, 2], fn: (a, b) => powDet(a!, b!) },
  mod: { arity: [2, 2], fn: FORMULA_OPERATORS.mod! },
};
/** Named constants every formula may use. */
export const CLAIM_CONSTANTS: Record<string, number> = { pi: Math.PI, π: Math.PI, e: Math.E };

/** A checked formula: `evaluate` maps the variables' values to a number (NaN/±Infinity where undefined). */
export interface CompiledClaimFormula {
  /** The formula as typed (trimmed). */
  text: string;
  /** The formula as mathjs prints the tree (a normal form, e.g. implicit products made explicit). */
  normalized: string;
  /** The variables it uses. */
  variables: string[];
  evaluate(values: Readonly<Record<string, number>>): number;
}

type Evaluator = (values: Readonly<Record<string, number>>) => number;

function nearest(name: string, candidates: string[]): string | undefined {
  const scored = candidates.map((c) => ({ c, d: c.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name.toLowerCase(), c.toLowerCase()) }));
  scored.sort((a, b) => a.d - b.d);
  const best = scored[0];
  return best && best.d <= Math.max(1, Math.floor(name.length / 2)) ? best.c : undefined;
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

/**
 * Parses and checks a claimed formula in the given variables (plus pi, π, e and the functions in CLAIM_FUNCTIONS).
 * @example compileClaimFormula('d1*(1-2/pi+2*d1/pi)', ['d1', 'd2']).evaluate({ d1: 4, d2: 1 })
 * @throws FormulaError naming the problem: empty, longer than MAX_CLAIM_LENGTH, a syntax error (with its position),
 *   an unknown variable or function (with the nearest known name), a construct other than arithmetic (assignment,
 *   function definition, property access, matrix, comparison…), a non-finite or non-numeric constant, or too many nodes.
 */
export function compileClaimFormula(formula: unknown, variables: readonly string[]): CompiledClaimFormula {
  if (typeof formula !== 'string') throw new FormulaError('syntax', String(formula), 'must be a string');
  const text = formula.trim();
  if (text === '') throw new FormulaError('empty', formula, 'is empty: write an expression such as d1*d2');
  if (text.length > MAX_CLAIM_LENGTH) {
    throw new FormulaError('too-long', formula, `is too long (${text.length} characters, at most ${MAX_CLAIM_LENGTH})`);
  }
  let tree: MathNode;
  try {
    tree = parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new FormulaError('syntax', formula, `is not a valid expression: ${why}`);
  }
  const known = new Set(variables);
  const used = new Set<string>();
  let nodes = 0;

  const compile = (node: MathNode): Evaluator => {
    if (++nodes > MAX_CLAIM_NODES) throw new FormulaError('too-complex', formula, `has more than ${MAX_CLAIM_NODES} terms`);
    switch (node.type) {
      case 'ParenthesisNode':
        return compile((node as unknown as { content: MathNode }).content);
      case 'ConstantNode': {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw new FormulaError('bad-constant', formula, `contains ${JSON.stringify(String(value))}, which is not a finite number`, String(value));
        }
        return () => value;
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        if (known.has(name)) {
          used.add(name);
          return (values) => (Object.hasOwn(values, name) ? values[name]! : NaN);
        }
        if (Object.hasOwn(CLAIM_CONSTANTS, name)) {
          const value = CLAIM_CONSTANTS[name]!;
          return () => value;
        }
        const hint = nearest(name, [...variables, 'pi']);
        throw new FormulaError(
          'unknown-variable',
          formula,
          `uses unknown variable ${JSON.stringify(name)}${hint ? ` (did you mean ${hint}?)` : ''}; known: ${[...variables, 'pi', 'e'].join(', ')}`,
          name,
        );
      }
      case 'OperatorNode': {
        const op = node as unknown as { fn: string; op: string; args: MathNode[] };
        const fn = Object.hasOwn(FORMULA_OPERATORS, op.fn) ? FORMULA_OPERATORS[op.fn] : undefined;
        if (!fn) throw new FormulaError('not-allowed', formula, `uses the operator ${JSON.stringify(op.op)}, which is not allowed (use + - * / ^ and mod)`, op.op);
        const args = op.args.map(compile);
        if (args.length === 1) {
          const [a] = args as [Evaluator];
          return (v) => fn(a(v));
        }
        const [a, b] = args as [Evaluator, Evaluator];
        return (v) => fn(a(v), b(v));
      }
      case 'FunctionNode': {
        const call = node as unknown as { fn: MathNode & { name?: string }; args: MathNode[] };
        const name = call.fn.type === 'SymbolNode' ? call.fn.name! : undefined;
        const spec = name !== undefined && Object.hasOwn(CLAIM_FUNCTIONS, name) ? CLAIM_FUNCTIONS[name] : undefined;
        if (!spec) {
          const hint = name ? nearest(name, Object.keys(CLAIM_FUNCTIONS)) : undefined;
          throw new FormulaError(
            'unknown-function',
            formula,
            `calls unknown function ${JSON.stringify(name ?? call.fn.toString())}${hint ? ` (did you mean ${hint}?)` : ''}; known: ${Object.keys(CLAIM_FUNCTIONS).join(', ')}`,
            name,
          );
        }
        const [lo, hi] = spec.arity;
        if (call.args.length < lo || call.args.length > hi) {
          throw new FormulaError('syntax', formula, `calls ${name} with ${call.args.length} arguments (expected ${lo === hi ? lo : `${lo} to ${hi}`})`, name);
        }
        const args = call.args.map(compile);
        return (v) => spec.fn(...args.map((a) => a(v)));
      }
      default:
        throw new FormulaError('not-allowed', formula, `contains ${DESCRIBE[node.type] ?? node.type}, which is not allowed: write arithmetic in ${variables.join(', ')}`, node.type);
    }
  };
  const evaluator = compile(tree);
  return {
    text,
    normalized: tree.toString({ implicit: 'show' }),
    variables: variables.filter((v) => used.has(v)),
    evaluate: evaluator,
  };
}
