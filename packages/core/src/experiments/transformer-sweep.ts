// What the Transformer experiments share: the model shape a task implies, the grid of cells a sweep trains, its cost
// in multiply-adds, and what is read off the finished cells (loss curves per seed, each seed's optimum learning rate
// to a fraction of a grid step, means and standard errors over seeds).
import type { TransformerParameterizationId, TransformerShape } from '../transformer/api.js';
import { defaultTaskSpec, type TransformerTaskSpec } from '../transformer/tasks/spec.js';
import { powDet } from '../libm/index.js';
import { runSeed } from '../mup/sweep.js';
import type { TransformerCell, TransformerCellResult } from './transformer-cell.js';

/** The two tasks, by name (each with its default spec: the Markov source of MARKOV_LM_DEFAULTS, MNIST in 7 × 7 patches). */
export type TransformerTaskName = TransformerTaskSpec['kind'];

/** The model settings a Transformer experiment exposes. */
export interface ModelSettings {
  task: TransformerTaskName;
  heads: number;
  layers: number;
  mlpRatio: number;
  /** Positions per sequence (the language task; MNIST always has its 16 patches). */
  seqLen: number;
}

/** MNIST in 7 × 7 patches: 16 positions of 49 pixels, 10 classes. */
const MNIST_POSITIONS = 16;
const MNIST_PATCH_DIM = 49;

/** The shape of a model of `width` for the task: a causal next-character model, or a patch classifier reading the mean over positions. */
export function shapeFor(p: ModelSettings, width: number): TransformerShape {
  const spec = defaultTaskSpec(p.task);
  const common = { width, heads: p.heads, layers: p.layers, mlpRatio: p.mlpRatio, activation: 'gelu' as const };
  if (spec.kind === 'markov-lm') return { ...common, seqLen: p.seqLen, causal: true, input: { kind: 'tokens', vocab: spec.vocab }, outputs: spec.vocab, readout: 'every-position' };
  return { ...common, seqLen: MNIST_POSITIONS, causal: false, input: { kind: 'patches', dim: MNIST_PATCH_DIM }, outputs: 10, readout: 'mean' };
}

/** Multiply-adds of one forward pass over one sequence (matrix products and attention scores; LayerNorms and softmax left out). */
export function forwardMultiplyAdds(shape: TransformerShape): number {
  const { seqLen: t, width: w, layers, mlpRatio, input, outputs, readout } = shape;
  const embed = input.kind === 'patches' ? t * input.dim * w : 0;
  const blocks = layers * (t * (4 + 2 * mlpRatio) * w * w + 2 * t * t * w);
  const head = (readout === 'every-position' ? t : 1) * w * outputs;
  return embed + blocks + head;
}

/** Multiply-adds of a training run: forward + backward (3 × the forward) per sequence per step. */
export function trainingMultiplyAdds(shape: TransformerShape, steps: number, batchSize: number): number {
  return 3 * steps * batchSize * forwardMultiplyAdds(shape);
}

/** The integer log₂ learning rates from min to max. */
export function log2Grid(min: number, max: number): number[] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** A sweep: parameterizations × widths × log₂ LRs × seeds, everything else shared. */
export interface SweepPlan extends ModelSettings {
  widths: number[];
  log2Lrs: number[];
  parameterizations: TransformerParameterizationId[];
  seeds: number;
  baseWidth: number;
  steps: number;
  batchSize: number;
  optimizer: 'adam' | 'sgd';
  coords?: boolean;
  /** Kernel threads per training run (see TransformerCell.threads; absent: 1). */
  threads?: 1 | 2;
}

/** Every cell of the plan, in the order parameterization → width → LR → seed. */
export function sweepCells(plan: SweepPlan, baseSeed: number): TransformerCell[] {
  const cells: TransformerCell[] = [];
  for (const id of plan.parameterizations)
    for (const width of plan.widths)
      for (const log2Lr of plan.log2Lrs)
        for (let s = 0; s < plan.seeds; s++)
          cells.push({
            kind: 'transformer',
            task: defaultTaskSpec(plan.task),
            shape: shapeFor(plan, width),
            parameterization: { id, baseWidth: plan.baseWidth },
            optimizer: plan.optimizer,
            lr: powDet(2, log2Lr),
            steps: plan.steps,
            batchSize: plan.batchSize,
            seed: runSeed(baseSeed, s), // common random numbers: one seed index, one seed at every width, LR and parameterization
            ...(plan.coords ? { coords: true } : {}),
            ...(plan.threads === 2 ? { threads: 2 as const } : {}),
          });
  return cells;
}

/** Mean and standard error of a sample (stderr null below two values; both null when empty). */
export function meanStderr(xs: readonly number[]): { mean: number | null; stderr: number | null; n: number } {
  const n = xs.length;
  if (n === 0) return { mean: null, stderr: null, n };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, stderr: null, n };
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, stderr: Math.sqrt(variance / n), n };
}

/**
 * The optimum of one loss curve on an integer log₂ grid, to a fraction of a step: the vertex of the parabola through
 * the lowest point and its two neighbours (within half a step of the lowest point). Null when the lowest point is at
 * the grid's edge (the grid does not bracket the optimum) or nothing finished. A diverged neighbour leaves the lowest
 * point itself (no parabola through a missing point).
 */
export function subGridOptimum(log2Lrs: readonly number[], losses: readonly (number | null)[]): number | null {
  let best = -1;
  for (let i = 0; i < losses.length; i++) if (losses[i] !== null && (best < 0 || losses[i]! < losses[best]!)) best = i;
  if (best <= 0 || best >= losses.length - 1) return null;
  const [a, b, c] = [losses[best - 1], losses[best], losses[best + 1]];
  if (a === null || c === null || a === undefined || c === undefined) return log2Lrs[best]!;
  const curvature = a - 2 * b! + c;
  const offset = curvature > 0 ? (a - c) / (2 * curvature) : 0;
  return log2Lrs[best]! + Math.max(-0.5, Math.min(0.5, offset)) * (log2Lrs[best + 1]! - log2Lrs[best]!);
}

/** The finished cells of a sweep indexed by (parameterization, width, log₂ LR index, seed index). */
export class SweepTable {
  readonly #results: readonly (TransformerCellResult | undefined)[];
  readonly plan: SweepPlan;
  constructor(plan: SweepPlan, results: readonly (TransformerCellResult | undefined)[]) {
    this.plan = plan;
    this.#results = results;
  }

  /** The result of one cell, or undefined while it runs. */
  cell(pz: TransformerParameterizationId, width: number, lrIndex: number, seed: number): TransformerCellResult | undefined {
    const { widths, log2Lrs, seeds, parameterizations } = this.plan;
    const i = ((parameterizations.indexOf(pz) * widths.length + widths.indexOf(width)) * log2Lrs.length + lrIndex) * seeds + seed;
    return this.#results[i];
  }

  /** One seed's final losses over the LR grid (null: diverged or not finished). */
  seedCurve(pz: TransformerParameterizationId, width: number, seed: number): (number | null)[] {
    return this.plan.log2Lrs.map((_, j) => this.cell(pz, width, j, seed)?.finalLoss ?? null);
  }

  /** Whether every seed of every LR of (pz, width) has finished. */
  complete(pz: TransformerParameterizationId, width: number): boolean {
    return this.plan.log2Lrs.every((_, j) => Array.from({ length: this.plan.seeds }, (_, s) => this.cell(pz, width, j, s)).every((r) => r !== undefined));
  }

  /** Mean and standard error over seeds of the final loss at each LR; a point with a diverged seed has mean null. */
  meanCurve(pz: TransformerParameterizationId, width: number): { mean: number | null; stderr: number | null; diverged: number }[] {
    return this.plan.log2Lrs.map((_, j) => {
      const runs = Array.from({ length: this.plan.seeds }, (_, s) => this.cell(pz, width, j, s)).filter((r): r is TransformerCellResult => r !== undefined);
      const diverged = runs.filter((r) => r.finalLoss === null).length;
      if (runs.length < this.plan.seeds || diverged > 0) return { mean: null, stderr: null, diverged };
      const { mean, stderr } = meanStderr(runs.map((r) => r.finalLoss!));
      return { mean, stderr, diverged };
    });
  }

  /** Index into the LR grid of the lowest mean loss (null until complete, or if every point has a diverged seed). */
  argminIndex(pz: TransformerParameterizationId, width: number): number | null {
    if (!this.complete(pz, width)) return null;
    const curve = this.meanCurve(pz, width);
    let best: number | null = null;
    curve.forEach((pt, j) => {
      if (pt.mean !== null && (best === null || pt.mean < curve[best]!.mean!)) best = j;
    });
    return best;
  }

  /** Each seed's sub-grid optimum (null where its curve does not bracket one). */
  seedOptima(pz: TransformerParameterizationId, width: number): (number | null)[] {
    if (!this.complete(pz, width)) return [];
    return Array.from({ length: this.plan.seeds }, (_, s) => subGridOptimum(this.plan.log2Lrs, this.seedCurve(pz, width, s)));
  }

  /** Per seed index: optimum at `wide` − optimum at `narrow` (null where a curve does not bracket its optimum). */
  seedShiftBySeed(pz: TransformerParameterizationId, narrow: number, wide: number): (number | null)[] {
    const a = this.seedOptima(pz, narrow);
    const b = this.seedOptima(pz, wide);
    return a.map((x, s) => (x === null || b[s] === null || b[s] === undefined ? null : b[s]! - x));
  }

  /** The shifts of the seeds whose curves bracket both optima. */
  seedShifts(pz: TransformerParameterizationId, narrow: number, wide: number): number[] {
    return this.seedShiftBySeed(pz, narrow, wide).filter((x): x is number => x !== null);
  }

  /** Per seed: final loss at LR index `j` (all seeds, or [] if any is missing or diverged). */
  seedLosses(pz: TransformerParameterizationId, width: number, j: number | null): number[] {
    if (j === null) return [];
    const xs = Array.from({ length: this.plan.seeds }, (_, s) => this.cell(pz, width, j, s)?.finalLoss ?? null);
    return xs.every((x) => x !== null) ? (xs as number[]) : [];
  }
}
