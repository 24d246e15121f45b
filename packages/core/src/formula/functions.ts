// The one table of functions a formula may call, each evaluated with the deterministic libm so a formula has the same
// bits in every engine. A grammar (claim.ts, cost.ts) whitelists the names a user may type; evaluation uses this
// table, which also holds what derivatives call (sign, from abs′).
import { atanDet, coshDet, cosDet, expDet, log10Det, log2Det, logDet, powDet, sinDet, sinhDet, tanDet, tanhDet } from '../libm/index.js';
import { FORMULA_OPERATORS, type FormulaFn } from './operators.js';

/** A callable function: how many arguments it takes (least, most) and how it is evaluated. */
export interface FormulaFunction {
  arity: [number, number];
  fn: FormulaFn;
}

/** Every function any formula grammar allows, by name. Look names up with Object.hasOwn: they come from parsed text. */
export const FORMULA_FUNCTION_TABLE: Readonly<Record<string, FormulaFunction>> = {
  sqrt: { arity: [1, 1], fn: (x) => Math.sqrt(x!) },
  exp: { arity: [1, 1], fn: (x) => expDet(x!) },
  log: { arity: [1, 2], fn: (x, base) => (base === undefined ? logDet(x!) : logDet(x!) / logDet(base)) },
  ln: { arity: [1, 1], fn: (x) => logDet(x!) },
  log2: { arity: [1, 1], fn: (x) => log2Det(x!) },
  log10: { arity: [1, 1], fn: (x) => log10Det(x!) },
  abs: { arity: [1, 1], fn: (x) => Math.abs(x!) },
  sign: { arity: [1, 1], fn: (x) => Math.sign(x!) },
  floor: { arity: [1, 1], fn: (x) => Math.floor(x!) },
  ceil: { arity: [1, 1], fn: (x) => Math.ceil(x!) },
  round: { arity: [1, 1], fn: (x) => Math.round(x!) },
  min: { arity: [1, 8], fn: Math.min },
  max: { arity: [1, 8], fn: Math.max },
  pow: { arity: [2, 2], fn: (a, b) => powDet(a!, b!) },
  mod: { arity: [2, 2], fn: FORMULA_OPERATORS.mod! },
  sin: { arity: [1, 1], fn: (x) => sinDet(x!) },
  cos: { arity: [1, 1], fn: (x) => cosDet(x!) },
  tan: { arity: [1, 1], fn: (x) => tanDet(x!) },
  tanh: { arity: [1, 1], fn: (x) => tanhDet(x!) },
  sinh: { arity: [1, 1], fn: (x) => sinhDet(x!) },
  cosh: { arity: [1, 1], fn: (x) => coshDet(x!) },
  atan: { arity: [1, 1], fn: (x) => atanDet(x!) },
};

/** The evaluators of the whole table, for compileFormulaTree. */
export const FORMULA_EVALUATORS: Readonly<Record<string, FormulaFn>> = Object.fromEntries(
  Object.entries(FORMULA_FUNCTION_TABLE).map(([name, spec]) => [name, spec.fn]),
);

/** The table's entries for these names (a grammar's whitelist). */
export function formulaFunctions(names: readonly string[]): Record<string, FormulaFunction> {
  return Object.fromEntries(names.map((name) => [name, FORMULA_FUNCTION_TABLE[name]!]));
}
