// The formula syntax tree every part of the formula module works on: numbers, named constants, variables, the
// arithmetic operators and calls of whitelisted functions — nothing else can be represented. Each node knows its size
// (nodes in its tree, shared subtrees counted each time), which is what evaluating or printing it costs; the builders
// fold constants and drop ×1, +0, ×0 so derivatives stay small, and refuse to build a node above a size budget.
export type OperatorName = 'add' | 'subtract' | 'multiply' | 'divide' | 'pow' | 'unaryMinus' | 'unaryPlus' | 'mod';

export type FormulaNode =
  | { readonly kind: 'number'; readonly value: number; readonly size: 1 }
  | { readonly kind: 'constant'; readonly name: string; readonly value: number; readonly size: 1 }
  | { readonly kind: 'variable'; readonly name: string; readonly size: 1 }
  | { readonly kind: 'operator'; readonly op: OperatorName; readonly args: readonly FormulaNode[]; readonly size: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly FormulaNode[]; readonly size: number };

/** Thrown by the builders when a node would exceed its budget; the caller turns it into a FormulaError. */
export class SizeBudgetExceeded extends Error {
  constructor(readonly budget: number) {
    super(`more than ${budget} nodes`);
  }
}

const sizeOf = (args: readonly FormulaNode[]): number => args.reduce((total, a) => total + a.size, 1);

export function num(value: number): FormulaNode {
  return { kind: 'number', value, size: 1 };
}

export function variable(name: string): FormulaNode {
  return { kind: 'variable', name, size: 1 };
}

export function constant(name: string, value: number): FormulaNode {
  return { kind: 'constant', name, value, size: 1 };
}

/** An operator node exactly as written (no folding): what parsing builds, so evaluation keeps the text's order. */
export function operator(op: OperatorName, args: readonly FormulaNode[], budget = Infinity): FormulaNode {
  const size = sizeOf(args);
  if (size > budget) throw new SizeBudgetExceeded(budget);
  return { kind: 'operator', op, args, size };
}

export function call(name: string, args: readonly FormulaNode[], budget = Infinity): FormulaNode {
  const size = sizeOf(args);
  if (size > budget) throw new SizeBudgetExceeded(budget);
  return { kind: 'call', name, args, size };
}

const isNumber = (n: FormulaNode): n is Extract<FormulaNode, { kind: 'number' }> => n.kind === 'number';
const isValue = (n: FormulaNode, value: number): boolean => n.kind === 'number' && n.value === value;

/** Builders that simplify locally (constant folding, neutral elements) within a size budget: for derivatives. */
export function builders(budget: number) {
  const add = (a: FormulaNode, b: FormulaNode): FormulaNode => {
    if (isValue(a, 0)) return b;
    if (isValue(b, 0)) return a;
    if (isNumber(a) && isNumber(b)) return num(a.value + b.value);
    return operator('add', [a, b], budget);
  };
  const neg = (a: FormulaNode): FormulaNode => {
    if (isNumber(a)) return num(-a.value);
    if (a.kind === 'operator' && a.op === 'unaryMinus') return a.args[0]!;
    return operator('unaryMinus', [a], budget);
  };
  const sub = (a: FormulaNode, b: FormulaNode): FormulaNode => {
    if (isValue(b, 0)) return a;
    if (isValue(a, 0)) return neg(b);
    if (isNumber(a) && isNumber(b)) return num(a.value - b.value);
    return operator('subtract', [a, b], budget);
  };
  const mul = (a: FormulaNode, b: FormulaNode): FormulaNode => {
    if (isValue(a, 0) || isValue(b, 0)) return num(0);
    if (isValue(a, 1)) return b;
    if (isValue(b, 1)) return a;
    if (isNumber(a) && isNumber(b)) return num(a.value * b.value);
    return operator('multiply', [a, b], budget);
  };
  const div = (a: FormulaNode, b: FormulaNode): FormulaNode => {
    if (isValue(a, 0)) return num(0);
    if (isValue(b, 1)) return a;
    if (isNumber(a) && isNumber(b) && b.value !== 0) return num(a.value / b.value);
    return operator('divide', [a, b], budget);
  };
  const pow = (a: FormulaNode, b: FormulaNode): FormulaNode => {
    if (isValue(b, 1)) return a;
    if (isValue(b, 0)) return num(1);
    return operator('pow', [a, b], budget);
  };
  const fn = (name: string, ...args: FormulaNode[]): FormulaNode => call(name, args, budget);
  return { add, neg, sub, mul, div, pow, fn, isZero: (n: FormulaNode) => isValue(n, 0) };
}

const PRECEDENCE: Record<OperatorName, number> = { add: 1, subtract: 1, multiply: 2, divide: 2, mod: 2, unaryMinus: 3, unaryPlus: 3, pow: 4 };
const SYMBOL: Record<OperatorName, string> = { add: '+', subtract: '-', multiply: '*', divide: '/', mod: 'mod', unaryMinus: '-', unaryPlus: '+', pow: '^' };

function precedenceOf(node: FormulaNode): number {
  if (node.kind === 'operator') return PRECEDENCE[node.op];
  if (node.kind === 'number' && node.value < 0) return 3;
  return 5;
}

/** The tree as text that parses back to the same tree (parentheses only where precedence needs them). */
export function formatFormula(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'constant':
    case 'variable':
      return node.name;
    case 'call':
      return `${node.name}(${node.args.map(formatFormula).join(', ')})`;
    case 'operator': {
      const p = PRECEDENCE[node.op];
      const wrap = (child: FormulaNode, needsParens: boolean) => (needsParens ? `(${formatFormula(child)})` : formatFormula(child));
      if (node.args.length === 1) return `${SYMBOL[node.op]}${wrap(node.args[0]!, precedenceOf(node.args[0]!) < p || precedenceOf(node.args[0]!) === 3)}`;
      const [a, b] = node.args as [FormulaNode, FormulaNode];
      // ^ is right-associative; - / mod are not associative on the right.
      const left = node.op === 'pow' ? precedenceOf(a) <= p : precedenceOf(a) < p;
      const right = node.op === 'pow' ? precedenceOf(b) < p : node.op === 'add' || node.op === 'multiply' ? precedenceOf(b) < p : precedenceOf(b) <= p;
      return `${wrap(a, left)} ${SYMBOL[node.op]} ${wrap(b, right)}`;
    }
  }
}
