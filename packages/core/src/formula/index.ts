export { FormulaError, type FormulaProblem } from './error.js';
export { parseFormulaText, type FormulaGrammar, type ParsedFormula } from './parse.js';
export { compileFormulaTree } from './evaluate.js';
export { differentiate, DIFFERENTIABLE_FUNCTIONS, MAX_DERIVATIVE_NODES } from './derivative.js';
export { formatFormula, type FormulaNode, type OperatorName } from './tree.js';
export { FORMULA_OPERATORS, type FormulaFn } from './operators.js';
