// The arithmetic of formula trees' operators (the names mathjs gives them), with deterministic functions (powDet).
// Look names up with Object.hasOwn: they come from parsed text.
import { powDet } from '../libm/index.js';

export type FormulaFn = (...args: number[]) => number;

export const FORMULA_OPERATORS: Readonly<Record<string, FormulaFn>> = {
  add: (a, b) => a! + b!,
  subtract: (a, b) => a! - b!,
  multiply: (a, b) => a! * b!,
  divide: (a, b) => a! / b!,
  pow: (a, b) => powDet(a!, b!),
  unaryMinus: (a) => -a!,
  unaryPlus: (a) => a!,
  mod: (a, b) => a! - b! * Math.floor(a! / b!),
};
