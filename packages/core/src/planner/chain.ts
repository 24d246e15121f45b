// The chain a schedule runs on: n layers with per-layer forward/backward costs and activation sizes, and the costs of
// moving activations (per size unit). Normalised once at the API boundary; planners and the simulator read it.
import { InvalidArgumentError } from '../base/errors.js';
import { keysOf, nonNegative, options as checkOptions, positiveInt } from '../base/validate.js';

/** Longest chain the planner accepts (a trace of it must fit in WebAssembly memory). */
export const MAX_PLANNER_LAYERS = 2 ** 22;

/**
 * How memory is counted. 'lab' (default): stored checkpoints plus the working activation, and a forward step holds its
 * input and its output together — a step from a checkpoint needs one unit beyond the checkpoints, a step from a
 * working activation two. 'griewank': Griewank & Walther's model, c checkpoints plus one working state (a slot the
 * size of the largest activation, always reserved) that a forward step overwrites in place; revolve is optimal there.
 */
export type MemoryModel = 'lab' | 'griewank';
/** The memory models, in the order apps list them. */
export const MEMORY_MODELS: readonly MemoryModel[] = ['lab', 'griewank'];

/** A chain to plan: its length, per-layer costs and sizes, and how memory is counted. */
export interface ChainSpec {
  /** Chain length n (layers 1…n; a_0 is the inputs, always available). */
  layers: number;
  /** Forward cost of each layer (one number for all, or n numbers for layers 1…n). Default 20 (ns). */
  fwdCost?: number | readonly number[];
  /** Backward cost of each layer (as fwdCost). Default 0: the planners never change it. */
  bwdCost?: number | readonly number[];
  /** Size of a_1…a_n in memory units (positive integers; one for all, or n). Default 1 (a slot). */
  sizes?: number | readonly number[];
  /** Size of the inputs a_0 (only prices a load of the inputs). Default: sizes of a_1. */
  inputSize?: number;
  /** Cost of reading a stored activation from memory, per size unit. Default 10 (ns). */
  loadMemCost?: number;
  /** Cost of reading an activation from disk, per size unit. Default 100 (ns). */
  loadDiskCost?: number;
  /** Cost of writing an activation to disk, per size unit. Default 0 (the homework counts reads only). */
  storeDiskCost?: number;
  /** How memory is counted (see MemoryModel). Default 'lab'. */
  memoryModel?: MemoryModel;
}

/** A validated chain. Arrays are indexed by layer (index 0: the inputs; fwd[0] and bwd[0] unused). */
export interface Chain {
  readonly n: number;
  readonly sizes: Float64Array;
  readonly fwd: Float64Array;
  readonly bwd: Float64Array;
  readonly loadMemCost: number;
  readonly loadDiskCost: number;
  readonly storeDiskCost: number;
  /** Every a_i (i ≥ 1) has the same size and every layer the same forward cost. */
  readonly uniform: boolean;
  readonly memoryModel: MemoryModel;
}

function perLayer(param: string, value: unknown, n: number, fallback: number, integer: boolean): Float64Array {
  const out = new Float64Array(n + 1);
  const check = (name: string, v: unknown): number => {
    if (integer) return positiveInt(name, v, 2 ** 40);
    return nonNegative(name, v);
  };
  if (value === undefined || typeof value === 'number') {
    const v = check(param, value ?? fallback);
    out.fill(v, 1);
    return out;
  }
  if (!Array.isArray(value)) throw new InvalidArgumentError(param, value, `a number or an array of ${n} numbers`);
  if (value.length !== n) throw new InvalidArgumentError(param, value, `an array of ${n} numbers (one per layer)`);
  value.forEach((v, i) => (out[i + 1] = check(`${param}[${i}]`, v)));
  return out;
}

/**
 * Validates a chain description.
 * @throws InvalidArgumentError for n outside 1…2^22 (n = 0 included), negative or non-finite costs, sizes that are not
 *   positive integers, or per-layer arrays of the wrong length.
 */
export function makeChain(spec: ChainSpec): Chain {
  const s = checkOptions('chain', spec, true, keysOf<ChainSpec>()(['layers', 'fwdCost', 'bwdCost', 'sizes', 'inputSize', 'loadMemCost', 'loadDiskCost', 'storeDiskCost', 'memoryModel']))!;
  const n = positiveInt('layers', s.layers, MAX_PLANNER_LAYERS);
  const fwd = perLayer('fwdCost', s.fwdCost, n, 20, false);
  const bwd = perLayer('bwdCost', s.bwdCost, n, 0, false);
  const sizes = perLayer('sizes', s.sizes, n, 1, true);
  sizes[0] = s.inputSize === undefined ? sizes[1]! : positiveInt('inputSize', s.inputSize, 2 ** 40);
  let uniform = true;
  for (let i = 2; i <= n && uniform; i++) uniform = sizes[i] === sizes[1] && fwd[i] === fwd[1];
  const memoryModel = s.memoryModel ?? 'lab';
  if (!MEMORY_MODELS.includes(memoryModel)) throw new InvalidArgumentError('memoryModel', memoryModel, `one of ${MEMORY_MODELS.join(', ')}`);
  return {
    n,
    sizes,
    fwd,
    bwd,
    loadMemCost: nonNegative('loadMemCost', s.loadMemCost ?? 10),
    loadDiskCost: nonNegative('loadDiskCost', s.loadDiskCost ?? 100),
    storeDiskCost: nonNegative('storeDiskCost', s.storeDiskCost ?? 0),
    uniform,
    memoryModel,
  };
}

/** The same chain counted under another memory model. */
export function withMemoryModel(chain: Chain, memoryModel: MemoryModel): Chain {
  return { ...chain, memoryModel };
}

/** Griewank's working slot: room for the largest activation (0 in the lab's model, which has none reserved). */
export function workingSlot(chain: Chain): number {
  if (chain.memoryModel !== 'griewank') return 0;
  let largest = 0;
  for (let i = 1; i <= chain.n; i++) largest = Math.max(largest, chain.sizes[i]!);
  return largest;
}

/**
 * The least memory any schedule of this chain needs. Lab model: every a_i is computed at least once, from a_{i−1} held
 * in memory (the inputs are free), so max(s_1, max_i s_{i−1} + s_i). Griewank's: the working slot alone. Recomputing
 * everything from the inputs achieves it.
 */
export function minimumBudget(chain: Chain): number {
  const { sizes, n } = chain;
  if (chain.memoryModel === 'griewank') return workingSlot(chain);
  let need = sizes[1]!;
  for (let i = 2; i <= n; i++) need = Math.max(need, sizes[i - 1]! + sizes[i]!);
  return need;
}

/**
 * A budget to use when none is given: the chain's minimum plus room for two of its largest activations (4 for a
 * uniform chain in the lab's model, 3 in Griewank's: two checkpoint slots either way), so that it is valid for
 * every chain and leaves the strategies something to choose.
 */
export function suggestedBudget(chain: Chain): number {
  let largest = 0;
  for (let i = 1; i <= chain.n; i++) largest = Math.max(largest, chain.sizes[i]!);
  return minimumBudget(chain) + 2 * largest;
}

/**
 * Checks a memory budget against the chain's minimum.
 * @throws InvalidArgumentError naming the minimum when the budget is smaller, or not a number.
 */
export function checkBudget(chain: Chain, budget: unknown, param = 'budget'): number {
  if (budget === Infinity) return budget;
  const b = nonNegative(param, budget);
  const min = minimumBudget(chain);
  if (b < min) {
    const why = chain.memoryModel === 'griewank' ? `Griewank's model reserves a working slot of ${min}` : `a forward step holds its input and its output, largest pair ${min}`;
    throw new InvalidArgumentError(param, budget, `at least ${min} memory units: the minimum this ${chain.n}-layer chain needs (${why})`);
  }
  return b;
}

/**
 * Checks that a value is a chain as makeChain returns it (arrays of n + 1 entries), so that a hand-made object can
 * never make the simulator read past its buffers.
 * @throws InvalidArgumentError naming what is wrong.
 */
export function assertChain(param: string, chain: unknown): Chain {
  const c = chain as Chain;
  if (typeof chain !== 'object' || chain === null || !Number.isInteger(c.n) || c.n < 1 || c.n > MAX_PLANNER_LAYERS) {
    throw new InvalidArgumentError(param, chain, 'a chain from makeChain()');
  }
  for (const key of ['sizes', 'fwd', 'bwd'] as const) {
    if (!(c[key] instanceof Float64Array) || c[key].length !== c.n + 1) {
      throw new InvalidArgumentError(`${param}.${key}`, c[key], `a Float64Array of n + 1 = ${c.n + 1} entries (use makeChain)`);
    }
  }
  for (const key of ['loadMemCost', 'loadDiskCost', 'storeDiskCost'] as const) nonNegative(`${param}.${key}`, c[key]);
  // (absent on a hand-made chain: the lab's model)
  if (c.memoryModel !== undefined && !MEMORY_MODELS.includes(c.memoryModel)) throw new InvalidArgumentError(`${param}.memoryModel`, c.memoryModel, `one of ${MEMORY_MODELS.join(', ')}`);
  return c;
}
