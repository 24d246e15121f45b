// What travels through the queue: one sweep cell (a training run's configuration) and the code version that must
// compute it. Each code version has its own queue, so a worker only ever takes cells its own code reproduces.
import type { CodeVersion } from '../code-version.js';

/** A job's data. */
export interface CellJob {
  experiment: string;
  /** The cell's inputs (lr-transfer: a TrainConfig, seed included). */
  cell: unknown;
  /** The code version (CodeVersion.id) the coordinator runs: the worker refuses any other. */
  codeVersion: string;
}

/** The queue of cells computed by this code version. */
export function queueName(code: CodeVersion): string {
  return `hw3-cells-${code.id.replace(/[^\w.+-]/g, '_')}`;
}

/** A refused cell (another code version): failed at once, never retried. BullMQ recognises the name. */
export function refusal(wanted: string, mine: string): Error {
  const error = new Error(`refused: the cell needs code ${wanted}; this worker runs ${mine} and cannot reproduce it`);
  error.name = 'UnrecoverableError';
  return error;
}
