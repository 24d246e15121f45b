// Claimed formulas of the claim checker: the claim grammar — the question's variables, pi/π/e, arithmetic with mod,
// and the functions below — parsed, checked and compiled into a closure over the variables.
import { compileFormulaTree } from './evaluate.js';
import { FORMULA_EVALUATORS, formulaFunctions, type FormulaFunction } from './functions.js';
import { parseFormulaText, type FormulaGrammar } from './parse.js';

/** Longest formula accepted (characters). */
export const MAX_CLAIM_LENGTH = 500;
/** Most syntax-tree nodes accepted. */
export const MAX_CLAIM_NODES = 300;

/** Functions a claimed formula may call, with their number of arguments. */
export const CLAIM_FUNCTIONS: Record<string, FormulaFunction> = formulaFunctions(['sqrt', 'exp', 'log', 'ln', 'log2', 'log10', 'abs', 'floor', 'ceil', 'round', 'min', 'max', 'pow', 'mod']);
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
  /** The formula's value for these variable values (NaN or ±Infinity where it is undefined). */
  evaluate(values: Readonly<Record<string, number>>): number;
}

/**
 * Parses and checks a claimed formula in the given variables (plus pi, π, e and the functions in CLAIM_FUNCTIONS).
 * @example compileClaimFormula('d1*(1-2/pi+2*d1/pi)', ['d1', 'd2']).evaluate({ d1: 4, d2: 1 })
 * @throws FormulaError naming the problem: empty, longer than MAX_CLAIM_LENGTH, a syntax error (with its position),
 *   an unknown variable or function (with the nearest known name), a construct other than arithmetic (assignment,
 *   function definition, property access, matrix, comparison…), a non-finite or non-numeric constant, or too many nodes.
 */
export function compileClaimFormula(formula: unknown, variables: readonly string[]): CompiledClaimFormula {
  const grammar: FormulaGrammar = {
    variables,
    constants: CLAIM_CONSTANTS,
    functions: CLAIM_FUNCTIONS,
    operators: ['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'mod'],
    maxLength: MAX_CLAIM_LENGTH,
    maxNodes: MAX_CLAIM_NODES,
  };
  const parsed = parseFormulaText(formula, grammar);
  const evaluate = compileFormulaTree<Readonly<Record<string, number>>>(
    parsed.tree,
    FORMULA_EVALUATORS,
    (name) => (values) => (Object.hasOwn(values, name) ? values[name]! : NaN),
    parsed.text,
  );
  return { text: parsed.text, normalized: parsed.normalized, variables: parsed.variables, evaluate };
}
