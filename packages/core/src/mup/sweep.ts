// Learning-rate sweeps across widths: the grid of runs, and what is read off it (optimum per width, its shift).
import { InvalidArgumentError } from '../base/errors.js';
import type { ParameterizationId } from './parameterization.js';
import type { TrainConfig, TrainResult } from './train.js';
import { powDet } from '../libm/index.js';

/** A learning-rate sweep: widths × log₂ learning rates × parameterizations × seeds. */
export interface SweepGrid {
  widths: number[];
  /** log₂ of the global learning rates. */
  log2Lrs: number[];
  parameterizations: ParameterizationId[];
  /** Seed indices 0 … seeds−1. */
  seeds: number;
}

/** Per-run seed: the same for every width, LR and parameterization of one seed index (common random numbers). */
export function runSeed(baseSeed: number, seedIndex: number): number {
  return (baseSeed * 1009 + seedIndex * 7919 + 1) % Number.MAX_SAFE_INTEGER;
}

/**
 * Every run of the grid, in the order parameterization → width → LR → seed.
 * @throws InvalidArgumentError for an empty grid.
 */
export function sweepConfigs(grid: SweepGrid, base: Omit<TrainConfig, 'width' | 'lr' | 'parameterization' | 'seed'>, baseSeed: number): TrainConfig[] {
  for (const key of ['widths', 'log2Lrs', 'parameterizations'] as const) {
    if (!Array.isArray(grid[key]) || grid[key].length === 0) throw new InvalidArgumentError(key, grid[key], 'a non-empty list (the sweep grid is empty)');
  }
  if (!Number.isInteger(grid.seeds) || grid.seeds < 1) throw new InvalidArgumentError('seeds', grid.seeds, 'an integer ≥ 1');
  const out: TrainConfig[] = [];
  for (const parameterization of grid.parameterizations)
    for (const width of grid.widths)
      for (const log2Lr of grid.log2Lrs)
        for (let s = 0; s < grid.seeds; s++) out.push({ ...base, parameterization, width, lr: powDet(2, log2Lr), seed: runSeed(baseSeed, s) });
  return out;
}

/** One point of a loss-vs-learning-rate curve. */
export interface CurvePoint {
  log2Lr: number;
  /** Mean final training loss over seeds that did not diverge (null: all diverged). */
  mean: number | null;
  /** Standard error over those seeds (0 for one seed). */
  stderr: number | null;
  diverged: number;
  seeds: number;
}

/** Loss vs log₂ LR for one (parameterization, width). A diverged seed counts as +∞ loss for the optimum. */
export function lossCurve(results: readonly TrainResult[], parameterization: ParameterizationId, width: number, log2Lrs: readonly number[]): CurvePoint[] {
  return log2Lrs.map((log2Lr) => {
    const runs = results.filter((r) => r.config.parameterization === parameterization && r.config.width === width && r.config.lr === powDet(2, log2Lr));
    const ok = runs.filter((r) => !r.diverged && r.trainLoss !== null).map((r) => r.trainLoss!);
    const mean = ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
    const sd = ok.length > 1 ? Math.sqrt(ok.reduce((a, b) => a + (b - mean!) ** 2, 0) / (ok.length - 1)) : 0;
    return { log2Lr, mean, stderr: ok.length ? sd / Math.sqrt(ok.length) : null, diverged: runs.length - ok.length, seeds: runs.length };
  });
}

/** log₂ of the LR with the lowest mean loss among points where no seed diverged (null if there is none). */
export function argminLog2Lr(curve: readonly CurvePoint[]): number | null {
  let best: CurvePoint | undefined;
  for (const p of curve) if (p.mean !== null && p.diverged === 0 && (!best || p.mean < best.mean!)) best = p;
  return best ? best.log2Lr : null;
}
