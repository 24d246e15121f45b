// A trace as a timeline to draw: one row per op, one cell per layer marking what happens to a_i at that op and what
// is held (terminal and web render it as a table; the working position is also a series).
import { InvalidArgumentError } from '../base/errors.js';
import { workingSlot, type Chain } from './chain.js';
import { opAt, formatOp, type Trace } from './trace.js';

/** Memory after each op follows the chain's model (lab: checkpoints + the working activation; Griewank's:
 * checkpoints + the working slot). Cell marks: f computed for the first time, r recomputed, B backward step, M stored in memory, D on disk only,
 * + in memory and on disk, w the working activation (not stored), '' nothing. */
export const TIMELINE_LEGEND =
  'f computed first time · r recomputed · B backward step · M in memory · D on disk · + memory and disk · w working activation';

/** A trace drawn as text: one row per time step, one column per layer. */
export interface Timeline {
  /** Per op: its label, the cells for a_1…a_n, memory in use after the op (size units). */
  rows: { op: string; cells: string[]; memory: number; working: number | null }[];
  legend: string;
}

/** Largest timeline drawn (ops × layers). */
export const MAX_TIMELINE_CELLS = 200_000;

/**
 * Walks a (validated) trace and records its timeline.
 * @throws InvalidArgumentError when ops × layers exceeds 200 000 cells.
 */
export function traceTimeline(trace: Trace, chain: Chain): Timeline {
  const n = chain.n;
  if (trace.length * n > MAX_TIMELINE_CELLS) {
    throw new InvalidArgumentError('trace', trace.length, `at most ${MAX_TIMELINE_CELLS} cells (ops × layers) to draw; this is ${trace.length} × ${n}`);
  }
  const mem = new Uint8Array(n + 1);
  const disk = new Uint8Array(n + 1);
  let cur = 0;
  let maxComputed = 0;
  const rows: Timeline['rows'] = [];
  for (let k = 0; k < trace.length; k++) {
    const op = opAt(trace, k);
    const marks = new Map<number, string>();
    switch (op.op) {
      case 'advance':
        for (let p = cur + 1; p <= cur + op.arg; p++) {
          marks.set(p, p <= maxComputed ? 'r' : 'f');
          maxComputed = Math.max(maxComputed, p);
        }
        cur += op.arg;
        break;
      case 'storeMem':
        mem[op.arg] = 1;
        break;
      case 'storeDisk':
        disk[op.arg] = 1;
        break;
      case 'loadMem':
      case 'loadDisk':
        cur = op.arg;
        break;
      case 'backward':
        marks.set(op.arg, 'B');
        if (cur === op.arg) cur = -1;
        break;
      case 'freeMem':
        mem[op.arg] = 0;
        break;
      case 'freeDisk':
        disk[op.arg] = 0;
        break;
    }
    const cells: string[] = [];
    const griewank = chain.memoryModel === 'griewank';
    let memory = workingSlot(chain);
    for (let i = 1; i <= n; i++) {
      const m = marks.get(i);
      const held = mem[i] ? (disk[i] ? '+' : 'M') : disk[i] ? 'D' : i === cur ? 'w' : '';
      cells.push(m ?? held);
      if (mem[i] || (i === cur && !griewank)) memory += chain.sizes[i]!;
    }
    rows.push({ op: formatOp(op), cells, memory, working: cur >= 0 ? cur : null });
  }
  return { rows, legend: TIMELINE_LEGEND };
}
