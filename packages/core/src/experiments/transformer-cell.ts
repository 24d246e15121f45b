// One Transformer training run as a cell of a sweep: plain JSON in (shape, parameterization, task spec, optimizer
// settings, seed), plain JSON out (the loss curve, the final loss, divergence, optionally the coord-check RMS). The
// same cell computes the same bits wherever it runs: inline, on a worker thread, in a Web Worker or on another
// machine behind the BullMQ queue (packages/runs), which is why the task travels as a spec, not as an object.
import { InvalidArgumentError, serializeError } from '../base/errors.js';
import type { FromWorker, ToWorker } from '../mup/protocol.js';
import type { CoordStep, TransformerParameterization, TransformerShape } from '../transformer/api.js';
import { trainTransformer } from '../transformer/index.js';
import { checkThreads } from '../transformer/validate.js';
import { loadTask, TASK_KINDS, type TransformerTaskSpec } from '../transformer/tasks/spec.js';

/** A Transformer training run, everything that determines its result. */
export interface TransformerCell {
  kind: 'transformer';
  task: TransformerTaskSpec;
  shape: TransformerShape;
  parameterization: TransformerParameterization;
  optimizer: 'adam' | 'sgd';
  lr: number;
  steps: number;
  batchSize: number;
  seed: number;
  /** Record the coord check's per-step RMS. */
  coords?: boolean;
  /**
   * Kernel threads per step (absent: 1). Not part of what the cell computes: 1 and 2 give the same bits, so a result
   * never says how many threads made it. Experiments set it only when 2, so one-thread cells keep the keys they were stored under.
   */
  threads?: 1 | 2;
}

/** What a Transformer cell returns. */
export interface TransformerCellResult {
  /** Mean batch loss over the last tenth of the steps (at least one; see finalWindow) (fresh batches each step: an unbiased estimate of the
   * expected training loss at the end of the run); null if the run diverged. */
  finalLoss: number | null;
  /** Standard error of that mean (batches are independent draws). */
  finalLossStderr: number | null;
  diverged: boolean;
  divergedAtStep: number | null;
  /** Batch loss of every step taken (the curve), rounded to f32 to keep results small. */
  losses: number[];
  coords?: CoordStep[];
}

/** Steps averaged for the final loss: the last tenth of the run, at least one. */
export function finalWindow(steps: number): number {
  return Math.max(1, Math.ceil(steps / 10));
}

/** True for a Transformer cell (a sweep's cells of other kinds are MLP TrainConfigs). */
export function isTransformerCell(cell: unknown): cell is TransformerCell {
  return typeof cell === 'object' && cell !== null && (cell as { kind?: unknown }).kind === 'transformer';
}

/** Checks what can be checked without training (the trainer checks the shape against the task). @throws InvalidArgumentError. */
export function checkTransformerCell(cell: TransformerCell): void {
  if (!isTransformerCell(cell)) throw new InvalidArgumentError('kind', (cell as { kind?: unknown })?.kind, '"transformer"');
  if (!TASK_KINDS.includes(cell.task?.kind)) throw new InvalidArgumentError('task.kind', cell.task?.kind, `one of ${TASK_KINDS.join(', ')}`);
  if (!(cell.lr > 0) || !Number.isFinite(cell.lr)) throw new InvalidArgumentError('lr', cell.lr, 'a finite number > 0');
  if (!Number.isInteger(cell.steps) || cell.steps < 1) throw new InvalidArgumentError('steps', cell.steps, 'an integer ≥ 1');
  if (!Number.isInteger(cell.batchSize) || cell.batchSize < 1) throw new InvalidArgumentError('batchSize', cell.batchSize, 'an integer ≥ 1');
  if (cell.threads !== undefined) checkThreads(cell.threads);
}

/** Trains one cell in this realm. `progress` hears the fraction of steps done. */
export async function runTransformerCell(cell: TransformerCell, progress?: (fraction: number) => void): Promise<TransformerCellResult> {
  checkTransformerCell(cell);
  const task = await loadTask(cell.task);
  const every = Math.max(1, Math.floor(cell.steps / 50));
  const run = await trainTransformer(cell.shape, cell.parameterization, task, {
    optimizer: cell.optimizer,
    lr: cell.lr,
    steps: cell.steps,
    batchSize: cell.batchSize,
    seed: cell.seed,
    ...(cell.coords ? { coords: true } : {}),
    ...(cell.threads ? { threads: cell.threads } : {}),
    ...(progress ? { onStep: (step: number) => (step % every === 0 ? progress(step / cell.steps) : undefined) } : {}),
  });
  const losses = Array.from(run.losses, (x) => Math.fround(x));
  let finalLoss: number | null = null;
  let finalLossStderr: number | null = null;
  if (!run.diverged && run.losses.length === cell.steps) {
    const tail = Array.from(run.losses.subarray(cell.steps - finalWindow(cell.steps)));
    finalLoss = tail.reduce((a, b) => a + b, 0) / tail.length;
    const variance = tail.length > 1 ? tail.reduce((a, b) => a + (b - finalLoss!) ** 2, 0) / (tail.length - 1) : 0;
    finalLossStderr = Math.sqrt(variance / tail.length);
  }
  return { finalLoss, finalLossStderr, diverged: run.diverged, divergedAtStep: run.divergedAtStep, losses, ...(run.coords ? { coords: run.coords } : {}) };
}

/** The pool's worker-side handler for Transformer cells (mup/protocol.ts's handleTask, for this kind). */
export async function handleTransformerTask(message: ToWorker<TransformerCell>, post: (m: FromWorker<TransformerCellResult>) => void): Promise<void> {
  const { id, config } = message;
  try {
    const result = await runTransformerCell(config, (fraction) => post({ type: 'progress', id, fraction }));
    post({ type: 'result', id, result });
  } catch (error) {
    post({ type: 'error', id, error: serializeError(error) });
  }
}
