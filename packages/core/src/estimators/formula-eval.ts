// Evaluates a cost formula's syntax tree (h or its mathjs derivative) with the deterministic elementary functions, so
// costs, exact quadrature values and JS-sampled estimates have the same bits in every engine (mathjs' own evaluate
// calls Math.*, whose last bits differ between engines). Closures over the tree: never eval or new Function.
import type { MathNode } from 'mathjs';
import { FORMULA_OPERATORS } from '../formula-operators.js';
import { atanDet, coshDet, cosDet, expDet, logDet, powDet, sinDet, sinhDet, tanDet, tanhDet } from '../libm/index.js';

type Fn = (...args: number[]) => number;
type Evaluator = (x: number) => number;


// The whitelist's functions plus what mathjs' derivative writes for them (sec, sech, …).
const FUNCTIONS: Record<string, Fn> = {
  sin: (x) => sinDet(x!),
  cos: (x) => cosDet(x!),
  tan: (x) => tanDet(x!),
  sec: (x) => 1 / cosDet(x!),
  csc: (x) => 1 / sinDet(x!),
  cot: (x) => cosDet(x!) / sinDet(x!),
  exp: (x) => expDet(x!),
  log: (x, base) => (base === undefined ? logDet(x!) : logDet(x!) / logDet(base)),
  sqrt: (x) => Math.sqrt(x!),
  abs: (x) => Math.abs(x!),
  sign: (x) => Math.sign(x!),
  tanh: (x) => tanhDet(x!),
  sinh: (x) => sinhDet(x!),
  cosh: (x) => coshDet(x!),
  sech: (x) => 1 / coshDet(x!),
  csch: (x) => 1 / sinhDet(x!),
  coth: (x) => 1 / tanhDet(x!),
  atan: (x) => atanDet(x!),
};

const SYMBOLS: Record<string, number> = { pi: Math.PI, e: Math.E };

/**
 * Compiles a formula tree in x into a function of x.
 * @throws Error naming the node when the tree holds something other than numbers, x, pi, e, arithmetic and the
 * functions above (the caller turns it into an InvalidArgumentError).
 */
export function compileCostTree(node: MathNode): Evaluator {
  switch (node.type) {
    case 'ParenthesisNode':
      return compileCostTree((node as unknown as { content: MathNode }).content);
    case 'ConstantNode': {
      const v = (node as unknown as { value: unknown }).value;
      const value = typeof v === 'number' ? v : Number(v);
      return () => value;
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (name === 'x') return (x) => x;
      const value = SYMBOLS[name];
      if (value === undefined) throw new Error(`unknown symbol ${name}`);
      return () => value;
    }
    case 'OperatorNode': {
      const op = node as unknown as { fn: string; args: MathNode[] };
      const fn = Object.hasOwn(FORMULA_OPERATORS, op.fn) ? FORMULA_OPERATORS[op.fn] : undefined;
      if (!fn) throw new Error(`unsupported operator ${op.fn}`);
      const [a, b] = op.args.map(compileCostTree);
      if (op.args.length === 1) return (x) => fn(a!(x));
      if (op.args.length === 2) return (x) => fn(a!(x), b!(x));
      throw new Error(`operator ${op.fn} with ${op.args.length} operands`);
    }
    case 'FunctionNode': {
      const call = node as unknown as { fn: { name?: string }; args: MathNode[] };
      const fn = call.fn.name === undefined ? undefined : FUNCTIONS[call.fn.name];
      if (!fn) throw new Error(`unsupported function ${call.fn.name ?? '?'}`);
      const args = call.args.map(compileCostTree);
      if (args.length === 1) return (x) => fn(args[0]!(x));
      return (x) => fn(...args.map((a) => a(x)));
    }
    default:
      throw new Error(`unsupported construct ${node.type}`);
  }
}
