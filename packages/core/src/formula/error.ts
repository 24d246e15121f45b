// The one error every formula problem becomes: an InvalidArgumentError on param 'formula' (so callers that handle bad
// arguments handle formulas too), with a machine-readable `problem` and the offending piece in `detail`.
import { InvalidArgumentError } from '../base/errors.js';

/** Why a formula was rejected. */
export type FormulaProblem =
  | 'empty'
  | 'too-long'
  | 'syntax'
  | 'unknown-variable'
  | 'unknown-function'
  | 'not-allowed'
  | 'bad-constant'
  | 'too-complex'
  | 'not-differentiable';

/** A formula was rejected: `problem` says why, `detail` names the offending piece, `message` is for people. */
export class FormulaError extends InvalidArgumentError {
  readonly problem: FormulaProblem;
  readonly detail: string | undefined;
  constructor(problem: FormulaProblem, formula: string, explanation: string, detail?: string) {
    super('formula', formula, explanation);
    this.message = `formula ${clip(formula)} ${explanation}`;
    this.problem = problem;
    this.detail = detail;
  }
}

function clip(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
