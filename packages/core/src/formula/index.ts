// The one formula module: parse text with mathjs under a grammar's whitelist, evaluate the checked tree with the
// deterministic libm (one function table), and differentiate it on request. Two grammars use it: claimed formulas
// (the claim checker) and cost functions h(x) (the gradient estimators).
export { FormulaError, type FormulaProblem } from './error.js';
export { parseFormulaText, type FormulaGrammar, type ParsedFormula } from './parse.js';
export { compileFormulaTree } from './evaluate.js';
export { differentiate, DIFFERENTIABLE_FUNCTIONS, MAX_DERIVATIVE_NODES } from './derivative.js';
export { formatFormula, type FormulaNode, type OperatorName } from './tree.js';
export { FORMULA_OPERATORS, type FormulaFn } from './operators.js';
export { FORMULA_FUNCTION_TABLE, FORMULA_EVALUATORS, formulaFunctions, type FormulaFunction } from './functions.js';
export { compileClaimFormula, CLAIM_CONSTANTS, CLAIM_FUNCTIONS, MAX_CLAIM_LENGTH, MAX_CLAIM_NODES, type CompiledClaimFormula } from './claim.js';
export { parseFormula, FORMULA_FUNCTIONS, FORMULA_SYMBOLS, MAX_FORMULA_LENGTH, MAX_FORMULA_NODES, type FormulaCost } from './cost.js';
