// Runs a trace through the WebAssembly simulator: validates it op by op and returns its counts, peaks and times.
import { REMAT_MEMORY, REMAT_TRACE_ERROR, REMAT_TRACE_OUT } from '@hw3/kernels';
import { Hw3Error, InvalidArgumentError } from '../base/errors.js';
import { allocate, getKernels, release } from '../base/runtime.js';
import { assertChain, workingSlot, type Chain } from './chain.js';
import { formatOp, opAt, type Op, type Trace } from './trace.js';

/** What running a valid trace costs. Times are in the chain's cost unit (ns by default). */
export interface TraceStats {
  /** Forward steps, first computations included. */
  forward: number;
  /** Forward steps that recompute an activation computed before. */
  recompute: number;
  /** Reads of activations held in memory (checkpoints, kept recomputations, the inputs): load_mem ops plus backward
   * steps on a checkpoint that is not the working activation. Reading the working activation is free. */
  loadMem: number;
  loadDisk: number;
  storeMem: number;
  storeDisk: number;
  backward: number;
  /** Most memory in use at once (size units): lab model, checkpoints + working activation (+ a step's output);
   * Griewank's, checkpoints + the working slot. */
  peakMemory: number;
  peakDisk: number;
  /** Everything: forward + backward + loads + disk writes. */
  time: number;
  timeForward: number;
  timeRecompute: number;
  timeLoadMem: number;
  timeLoadDisk: number;
  timeStoreDisk: number;
  timeBackward: number;
  /** What rematerialization adds to one plain forward + backward pass: recompute + loads + disk writes. */
  overhead: number;
  ops: number;
}

/** Options of {@link simulateTrace}. */
export interface SimulateOptions {
  /** Memory budget in size units (default: unlimited). */
  budget?: number;
}

type Reason = keyof typeof REMAT_TRACE_ERROR;
const REASONS = Object.fromEntries(Object.entries(REMAT_TRACE_ERROR).map(([k, v]) => [v, k])) as Record<number, Reason>;

/** A trace broke the model at op `opIndex` (or ended early: opIndex = trace length). */
export class TraceError extends Hw3Error {
  readonly opIndex: number;
  readonly reason: Reason;
  readonly op: Op | undefined;
  constructor(opIndex: number, reason: Reason, op: Op | undefined, detail: string) {
    super('INVALID_ARGUMENT', `trace op ${opIndex}${op ? ` (${formatOp(op)})` : ''}: ${detail}`, 'trace', opIndex);
    this.opIndex = opIndex;
    this.reason = reason;
    this.op = op;
  }
}

function explain(reason: Reason, op: Op | undefined, code: number, a: number, b: number): string {
  switch (reason) {
    case 'badOp':
      return `unknown op code ${a}`;
    case 'badArg':
      return `argument ${a} is out of range`;
    case 'noWorking':
      return 'no working activation to advance from (load one first)';
    case 'pastEnd':
      return `advances to a_${a}, past the last layer`;
    case 'storeNotWorking':
      return `a_${a} is not the working activation (${b < 0 ? 'there is none' : `a_${b} is`}): only it can be stored`;
    case 'alreadyStored':
      return `a_${a} is already stored ${op?.op === 'storeDisk' ? 'on disk' : 'in memory'}`;
    case 'loadMemUnwritten':
      return `a_${a} is read from memory but is not stored there (never written, or freed)`;
    case 'loadDiskUnwritten':
      return `a_${a} is read from disk but is not stored there (never written, or freed)`;
    case 'backwardOrder':
      return `backward step of layer ${a} out of order: the next one is layer ${b}`;
    case 'missingActivation':
      return `missing activation: the backward step of layer ${a} needs a_${a}, which is neither the working activation nor stored in memory`;
    case 'budget':
      return `memory budget exceeded: needs ${a} units, budget ${b}`;
    case 'freeUnheld':
      return `a_${a} is freed but is not held ${op?.op === 'freeDisk' ? 'on disk' : 'in memory'}`;
    case 'incomplete':
      return `the trace ends before the backward step of layer ${a} (backward steps must run n…1)`;
    case 'storeDiskNotInMemory':
      return `a_${a} is written to disk but is not in memory`;
    default:
      return `error code ${code}`;
  }
}

/**
 * Executes a trace on the chain in WebAssembly, checking every op: each backward step finds its activation in memory,
 * the memory budget is never exceeded, nothing is read before it is written, backward steps run n…1 and all happen.
 * @throws TraceError naming the first bad op and what was wrong; InvalidArgumentError for a bad budget;
 *   MemoryLimitError when the trace does not fit in WebAssembly memory.
 */
export function simulateTrace(trace: Trace, chain: Chain, options: SimulateOptions = {}): TraceStats {
  if (!(trace?.ops instanceof Int32Array) || trace.ops.length !== 2 * trace.length) {
    throw new InvalidArgumentError('trace', trace, 'a Trace ({ ops: Int32Array of [code, arg] pairs, length })');
  }
  assertChain('chain', chain);
  const budget = options.budget ?? Infinity;
  if (typeof budget !== 'number' || Number.isNaN(budget) || budget < 0) {
    throw new InvalidArgumentError('budget', budget, 'a number ≥ 0 (or Infinity)');
  }
  const n = chain.n;
  const words = REMAT_TRACE_OUT.length;
  const sizes = [
    ['trace', trace.ops.byteLength],
    ['layers', 8 * (n + 1)],
    ['layers', 8 * (n + 1)],
    ['layers', 8 * (n + 1)],
    ['params', 48],
    ['layers', n + 1],
    ['out', 8 * words],
  ] as const;
  const ptrs: number[] = [];
  try {
    for (const [param, bytes] of sizes) ptrs.push(allocate(param, bytes));
    const [opsP, sizesP, fwdP, bwdP, paramsP, flagsP, outP] = ptrs as [number, number, number, number, number, number, number];
    const k = getKernels();
    const buf = k.memory.buffer;
    new Int32Array(buf, opsP, trace.ops.length).set(trace.ops);
    new Float64Array(buf, sizesP, n + 1).set(chain.sizes);
    new Float64Array(buf, fwdP, n + 1).set(chain.fwd);
    new Float64Array(buf, bwdP, n + 1).set(chain.bwd);
    const model = chain.memoryModel === 'griewank' ? REMAT_MEMORY.griewank : REMAT_MEMORY.lab;
    new Float64Array(buf, paramsP, 6).set([budget, chain.loadMemCost, chain.loadDiskCost, chain.storeDiskCost, model, workingSlot(chain)]);
    const code = k.rematTraceSimulate(opsP, trace.length, n, sizesP, fwdP, bwdP, paramsP, flagsP, outP);
    const out = new Float64Array(k.memory.buffer, outP, words);
    const get = (name: (typeof REMAT_TRACE_OUT)[number]) => out[REMAT_TRACE_OUT.indexOf(name)]!;
    if (code !== 0) {
      const opIndex = get('errorOp');
      const op = opIndex < trace.length ? opAt(trace, opIndex) : undefined;
      const reason = REASONS[code] ?? 'badOp';
      throw new TraceError(opIndex, reason, op, explain(reason, op, code, get('errorA'), get('errorB')));
    }
    const stats: TraceStats = {
      forward: get('forward'),
      recompute: get('recompute'),
      loadMem: get('loadMem'),
      loadDisk: get('loadDisk'),
      storeMem: get('storeMem'),
      storeDisk: get('storeDisk'),
      backward: get('backward'),
      peakMemory: get('peakMemory'),
      peakDisk: get('peakDisk'),
      time: get('time'),
      timeForward: get('timeForward'),
      timeRecompute: get('timeRecompute'),
      timeLoadMem: get('timeLoadMem'),
      timeLoadDisk: get('timeLoadDisk'),
      timeStoreDisk: get('timeStoreDisk'),
      timeBackward: get('timeBackward'),
      overhead: get('timeRecompute') + get('timeLoadMem') + get('timeLoadDisk') + get('timeStoreDisk'),
      ops: trace.length,
    };
    return stats;
  } finally {
    ptrs.forEach((ptr, i) => release(ptr, sizes[i]![1]));
  }
}

/** Like simulateTrace, but returns the TraceError instead of throwing it. */
export function checkTrace(
  trace: Trace,
  chain: Chain,
  options: SimulateOptions = {},
): { valid: true; stats: TraceStats } | { valid: false; error: TraceError } {
  try {
    return { valid: true, stats: simulateTrace(trace, chain, options) };
  } catch (error) {
    if (error instanceof TraceError) return { valid: false, error };
    throw error;
  }
}
