// A schedule as an explicit operation trace: [code, arg] pairs in an Int32Array (8 bytes an op, so a 100 000-layer
// revolve schedule is a few MB). Codes are the kernel's (REMAT_OP).
import { REMAT_OP } from '@hw3/kernels';

/** The operations a trace is made of (advance, store, load, backward, free). */
export type OpName = keyof typeof REMAT_OP;

/** One operation: `advance` takes a step count, every other op a layer index. */
export interface Op {
  op: OpName;
  /** advance: steps (≥ 1); loadMem: layer 0…n (0 = inputs); others: layer 1…n. */
  arg: number;
}

/** An encoded trace: ops[2k] is op k's code, ops[2k+1] its argument. */
export interface Trace {
  readonly ops: Int32Array;
  /** Number of ops (ops.length / 2). */
  readonly length: number;
}

const NAMES = Object.fromEntries(Object.entries(REMAT_OP).map(([name, code]) => [code, name])) as Record<number, OpName>;

/** Appends ops to a growing buffer; `finish()` returns the trace. */
export class TraceBuilder {
  #ops = new Int32Array(64);
  #length = 0;

  #push(code: number, arg: number): this {
    if (2 * this.#length + 2 > this.#ops.length) {
      const grown = new Int32Array(this.#ops.length * 2);
      grown.set(this.#ops);
      this.#ops = grown;
    }
    this.#ops[2 * this.#length] = code;
    this.#ops[2 * this.#length + 1] = arg;
    this.#length++;
    return this;
  }

  get length(): number {
    return this.#length;
  }

  /** m forward steps from the working activation. */
  advance(steps: number): this {
    return steps > 0 ? this.#push(REMAT_OP.advance, steps) : this;
  }
  /** Keeps a_layer in memory (a checkpoint). */
  storeMem(layer: number): this {
    return this.#push(REMAT_OP.storeMem, layer);
  }
  /** Writes a_layer to disk. */
  storeDisk(layer: number): this {
    return this.#push(REMAT_OP.storeDisk, layer);
  }
  /** Reads the checkpoint a_layer from memory into the working activation. */
  loadMem(layer: number): this {
    return this.#push(REMAT_OP.loadMem, layer);
  }
  /** Reads a_layer from disk into the working activation. */
  loadDisk(layer: number): this {
    return this.#push(REMAT_OP.loadDisk, layer);
  }
  /** The backward step of `layer`. */
  backward(layer: number): this {
    return this.#push(REMAT_OP.backward, layer);
  }
  /** Drops the checkpoint a_layer from memory. */
  freeMem(layer: number): this {
    return this.#push(REMAT_OP.freeMem, layer);
  }
  /** Drops a_layer from disk. */
  freeDisk(layer: number): this {
    return this.#push(REMAT_OP.freeDisk, layer);
  }
  /** Appends any operation. */
  op(op: Op): this {
    return this.#push(REMAT_OP[op.op], op.arg);
  }

  /** The trace built so far (the builder can be discarded). */
  finish(): Trace {
    return { ops: this.#ops.slice(0, 2 * this.#length), length: this.#length };
  }
}

/** Encodes a list of ops (unknown names become code −1, which validation rejects). */
export function encodeTrace(ops: readonly Op[]): Trace {
  const out = new Int32Array(2 * ops.length);
  ops.forEach((o, k) => {
    out[2 * k] = (REMAT_OP as Record<string, number>)[o.op] ?? -1;
    out[2 * k + 1] = o.arg;
  });
  return { ops: out, length: ops.length };
}

/** Op k of a trace, decoded. */
export function opAt(trace: Trace, k: number): Op {
  return { op: NAMES[trace.ops[2 * k]!] ?? ('unknown' as OpName), arg: trace.ops[2 * k + 1]! };
}

/** Decodes a whole trace (for display and tests; large traces stay encoded). */
export function decodeTrace(trace: Trace): Op[] {
  return Array.from({ length: trace.length }, (_, k) => opAt(trace, k));
}

/** 'advance 3', 'store-mem a_5', 'load-disk a_2', 'backward 4'. */
export function formatOp(op: Op): string {
  switch (op.op) {
    case 'advance':
      return `advance ${op.arg}`;
    case 'backward':
      return `backward ${op.arg}`;
    case 'storeMem':
      return `store-mem a_${op.arg}`;
    case 'storeDisk':
      return `store-disk a_${op.arg}`;
    case 'loadMem':
      return `load-mem a_${op.arg}`;
    case 'loadDisk':
      return `load-disk a_${op.arg}`;
    case 'freeMem':
      return `free-mem a_${op.arg}`;
    case 'freeDisk':
      return `free-disk a_${op.arg}`;
    default:
      return `unknown op ${String(op.op)} ${op.arg}`;
  }
}
