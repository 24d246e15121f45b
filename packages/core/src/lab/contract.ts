/**
 * The experiment contract. An experiment is data plus a pure run function; apps (terminal, web) render any experiment
 * generically from its parameter schema and its JSON result, so a new experiment needs no app code.
 *
 * - `params` is a zod object schema: every field has a default, bounds where numeric, and a `.describe()` text.
 * - `run(params, ctx)` is deterministic in (params, ctx.seed). It calls `ctx.progress(fraction, message)` now and
 *   then, and `ctx.checkpoint(partial)` after each finished unit of work; when `ctx.signal` aborts it stops promptly
 *   (`ctx.throwIfCancelled()` between units) and the runner returns what the last checkpoint held.
 * - The result is JSON-serialisable: plain numbers (no NaN/Infinity: use null), strings, arrays and objects.
 */
import type { z } from 'zod';
import type { Check, CheckAlternative } from '../stats/checks.js';
import type { ValueCatalog } from './value-info.js';

export type { Check, CheckAlternative };

/** One curve. Series with the same `plot` are drawn in one figure. */
export interface Series {
  /** Figure title; also its identity. */
  plot: string;
  /** Legend label. */
  label: string;
  x: number[];
  /** null marks a missing point (diverged, not measured). */
  y: (number | null)[];
  /** Error band (e.g. ±2 stderr), same length as y. */
  yLow?: (number | null)[];
  yHigh?: (number | null)[];
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  /** 'theory' curves are drawn as lines without markers (closed forms); 'measured' with markers. */
  kind?: 'measured' | 'theory';
  /** Indices of points to ring (e.g. each curve's optimum); `markLabel` says what a ring means in the legend. */
  marks?: number[];
  markLabel?: string;
  /** Panels of one comparison (TP5 Figure 1's SP and μP): figures whose series name the same `group` are drawn
   * side by side where the screen is wide enough (stacked where it is not), on one y range so they compare at a glance. */
  group?: string;
}

/** A table of a result: a title, column headers and rows (null is an empty cell). */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
}

/** What `run` returns. */
export interface ExperimentOutput {
  values: Record<string, number | null>;
  checks: Check[];
  series: Series[];
  tables: Table[];
}

/** What the runner returns: the output plus what produced it. */
export interface ExperimentResult extends ExperimentOutput {
  id: string;
  question: string;
  title: string;
  seed: number;
  params: Record<string, unknown>;
  /** 'complete', or 'cancelled' (the output holds what finished before the cancel). */
  status: 'complete' | 'cancelled';
}

/** How far a run is. */
export interface Progress {
  /** 0 … 1. */
  fraction: number;
  message?: string;
}

/** What `run` gets besides its parameters: the seed, the cancel signal, progress and checkpoint callbacks. */
export interface RunContext {
  seed: number;
  signal?: AbortSignal;
  /** Reports progress (the runner throttles what reaches the caller). */
  progress(fraction: number, message?: string): void;
  /** Records the output as it stands after a finished unit of work: kept if the run is cancelled. */
  checkpoint(partial: ExperimentOutput): void;
  /** Throws CancelledError if the signal has aborted. */
  throwIfCancelled(): void;
  /** Cell services the caller offers (a cache of finished cells, a remote executor), for experiments made of cells. */
  cells?: CellServices;
}

/**
 * A finished cell of an experiment kept across runs (a sweep's training run): `cell` is everything that determines
 * its result (e.g. a training configuration with its seed). The implementation adds the code version to the key, so a
 * cell computed by other code is never returned. Results go in and come out as JSON values.
 */
export interface CellCache {
  /** The stored result of this cell of `experiment`, or undefined. */
  get(experiment: string, cell: unknown): unknown | Promise<unknown>;
  /** Keeps a finished cell's result. */
  put(experiment: string, cell: unknown, result: unknown): void | Promise<void>;
}

/** How a remote executor reports back: each finished cell by its index, progress over all of them. */
export interface CellExecutionOptions {
  signal?: AbortSignal;
  /** Called once for each finished cell, with its index in the cells given. */
  onResult(index: number, result: unknown): void;
  /** Fraction of all cells done (cells in progress counted by their progress), finished count, total. */
  onProgress?(fraction: number, done: number, total: number): void;
}

/** Computes cells somewhere else (e.g. workers on other machines) and resolves when every one has been reported. */
export type CellExecutor = (experiment: string, cells: readonly unknown[], options: CellExecutionOptions) => Promise<void>;

/**
 * What a runner may offer experiments whose work is a grid of independent, deterministic cells: a cache (an
 * interrupted sweep then recomputes only the missing cells) and an executor (cells fan out to other machines).
 * Without them the cells are computed here; the result is the same bit for bit either way.
 */
export interface CellServices {
  cache?: CellCache;
  execute?: CellExecutor;
}


/** How an experiment predicts its work from its (validated) parameters. */
export interface CostModel<P = Record<string, unknown>> {
  /** What one work unit is, in words (e.g. 'random numbers drawn'). */
  unit: string;
  /** Work units a run with these parameters does. */
  units(params: P): number;
  /** Threads the work spreads over when `cores` are available (default: 1, the run is single-threaded). */
  threads?(params: P, cores: number): number;
}

/** An experiment: its texts, its parameter schema and presets, and a deterministic `run` (see the contract above). */
export interface Experiment<S extends z.ZodObject = z.ZodObject> {
  /** kebab-case, unique. */
  id: string;
  /** Homework question (e.g. '1a'), or a lab name for experiments beyond the homework (e.g. 'lab'). */
  question: string;
  /** Homework parts this experiment answers (e.g. ['4a', '4b', '4c']); `question` is found too. */
  parts?: string[];
  title: string;
  /** One sentence. */
  summary: string;
  /** A short explanation in plain text (paragraphs separated by blank lines); maths inline as TeX between $…$. */
  explanation: string;
  /** The closed form being checked, TeX. */
  closedForm: string;
  params: S;
  /** What every key of the result's `values` means (label, unit, one sentence, which value is its standard error).
   * A test runs every experiment and fails on a value key without an entry here. */
  values: ValueCatalog;
  /** Predicts the run's work from its parameters; `estimateCost` turns it into seconds with constants calibrated on
   * one machine class (a test holds the estimate within 2× of the measured CPU time on every preset). */
  cost: CostModel<z.output<S>>;
  /** Named parameter sets: `quick` for a fast but meaningful run; `smoke` (optional) for the seconds-long runs of
   * contract tests, where `quick` is still long. */
  presets?: Record<string, Partial<z.input<S>>>;
  /** Runs with validated parameters; deterministic in (params, ctx.seed). Call it through {@link runExperiment}. */
  run(params: z.output<S>, ctx: RunContext): Promise<ExperimentOutput>;
}

/** Options of {@link runExperiment}. */
export interface RunOptions {
  seed?: number;
  signal?: AbortSignal;
  /** Called with progress, at most every `progressIntervalMs`. */
  onProgress?: (progress: Progress) => void;
  /** Minimum milliseconds between progress callbacks (default 50). */
  progressIntervalMs?: number;
  /** Cell cache and executor offered to experiments made of cells (lr-transfer's training runs). */
  cells?: CellServices;
}
