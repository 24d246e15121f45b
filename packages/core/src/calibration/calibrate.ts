// Calibration: run an experiment over many seeds and count, per check, how often it fails on a correct
// implementation (its false-alarm rate, against what its design promises) and how often it would fail had the closed
// form been off by a stated amount (its power). A check that never fails under a wrong closed form is blind.
import { CancelledError, InvalidArgumentError } from '../base/errors.js';
import type { Check, Experiment, ExperimentResult } from '../lab/contract.js';
import { getExperiment } from '../experiments/registry.js';
import { resolveParams, runExperiment } from '../lab/run.js';
import { FAMILY_ALPHA } from '../stats/significance.js';
import { DEFAULT_POWER_DELTA } from '../stats/resolution.js';
import { checkSeed } from '../base/rng.js';
import { clopperPearson, exceedsRate } from './binomial.js';
import { DEFAULTS_PRESET } from './plan.js';
import { checkKind, describePerturbation, passesAlternative, passesPerturbed, type CheckKind } from './power.js';

/** The relative error of the closed form the power column assumes: expected × 1.05 (or + 0.05 where it is 0). */
export const DEFAULT_PERTURBATION = DEFAULT_POWER_DELTA;
/** Confidence of the printed intervals (two-sided) and of the "exceeds its design" verdict (one-sided). */
export const INTERVAL_CONFIDENCE = 0.95;
/** One-sided confidence of the "exceeds its design" verdict. */
export const VERDICT_CONFIDENCE = 0.99;

/** Failures among runs, with a Clopper–Pearson interval. */
export interface Rate {
  failures: number;
  runs: number;
  /** Clopper–Pearson interval at INTERVAL_CONFIDENCE. */
  low: number;
  high: number;
}

/** One check's calibration over the seeds. */
export interface CheckCalibration {
  name: string;
  kind: CheckKind;
  /** True when the measured value was the same on every seed (the check does not depend on the seed). */
  deterministic: boolean;
  falseAlarms: Rate;
  /** The rate its design allows: the experiment's family-wise rate for statistical checks and bands, 0 for exact ones. */
  promised: number;
  /** Failures exceed `promised` at VERDICT_CONFIDENCE (one-sided exact binomial test). */
  exceedsDesign: boolean;
  /** Runs in which it fails against `perturbation`: the wrong answer the check names (its `alternative`), else its
   * closed form × (1 + δ) (null: not recomputable). */
  power: Rate | null;
  /** What power was measured against: "×1.05", "+0.05", or the check's alternative ("SP's run", …). */
  perturbation: string;
  /** Runs in which the check's pass/fail could not be recomputed from its numbers (its rule is not |m − e| ≤ band). */
  notRecomputable: number;
  /** Largest |measured − expected| / allowance over the runs (allowance zMax·stderr or tolerance): how close to failing
   * (null for one-sided checks, and when an allowance of 0 was exceeded). */
  worstUse: number | null;
}

/** One experiment's calibration: the whole run and every check. */
export interface ExperimentCalibration {
  id: string;
  title: string;
  preset: string | null;
  params: Record<string, unknown>;
  firstSeed: number;
  seeds: number;
  /** Runs in which any check failed. */
  anyFailure: Rate;
  familyAlpha: number;
  exceedsDesign: boolean;
  /** Seeds on which some check failed (at most 20 listed). */
  failingSeeds: number[];
  checks: CheckCalibration[];
  perturbationDelta: number;
  elapsedMs: number;
}

/** Which experiment to calibrate, on how many seeds, with which preset. */
export interface CalibrationRequest {
  /** Experiment id, question or part. */
  experiment: string;
  seeds: number;
  firstSeed?: number;
  /** A preset name, or 'default' for the experiment's defaults (unless it has a preset of that name). */
  preset?: string;
  /** Relative perturbation of every closed form for the power column (default 0.05). */
  delta?: number;
}

/** Runs one seed; the default runs in this thread. Calibration is deterministic in the seeds whatever runs them. */
export type SeedRunner = (experiment: Experiment, params: Record<string, unknown>, seed: number, signal?: AbortSignal) => Promise<ExperimentResult>;

/** How the seeds are run: concurrency, runner, cancellation, progress. */
export interface CalibrationOptions {
  /** How many seeds run at once (use with a runner that runs them elsewhere, e.g. worker threads). Default 1. */
  concurrency?: number;
  runner?: SeedRunner;
  signal?: AbortSignal;
  /** Called after each seed with the seeds done, the total, and the seed that finished. */
  onProgress?: (done: number, total: number, seed: number) => void;
}

const rate = (failures: number, runs: number): Rate => ({ failures, runs, ...clopperPearson(failures, runs, INTERVAL_CONFIDENCE) });

const inProcess: SeedRunner = (experiment, params, seed, signal) => runExperiment(experiment, params, { seed, ...(signal ? { signal } : {}) });

/** `--preset default` asks for the experiment's defaults, unless it has a preset of that name. */
const isDefaults = (experiment: Experiment, preset: string | undefined) => preset === DEFAULTS_PRESET && !(DEFAULTS_PRESET in (experiment.presets ?? {}));

/** The parameters a preset gives (validated), or the defaults. */
function presetParams(experiment: Experiment, preset: string | undefined): Record<string, unknown> {
  if (preset === undefined || isDefaults(experiment, preset)) return {};
  const presets = experiment.presets ?? {};
  if (!(preset in presets)) {
    const known = Object.keys(presets);
    throw new InvalidArgumentError('preset', preset, known.length ? `one of ${known.join(', ')} (${experiment.id})` : `none: ${experiment.id} has no presets`);
  }
  return { ...presets[preset] } as Record<string, unknown>;
}

/**
 * Runs `request.experiment` on seeds firstSeed … firstSeed + seeds − 1 and summarises every check.
 * @throws InvalidArgumentError for an unknown experiment or preset, seeds < 1, a bad first seed or delta;
 *   CancelledError when `signal` aborts.
 */
export async function calibrateExperiment(request: CalibrationRequest, options: CalibrationOptions = {}): Promise<ExperimentCalibration> {
  const experiment = getExperiment(String(request.experiment));
  const seeds = request.seeds;
  if (!(Number.isInteger(seeds) && seeds >= 1 && seeds <= 100_000)) throw new InvalidArgumentError('seeds', seeds, 'an integer in 1 … 100000');
  const firstSeed = request.firstSeed ?? 1;
  checkSeed('firstSeed', firstSeed);
  checkSeed('last seed', firstSeed + seeds - 1);
  const delta = request.delta ?? DEFAULT_PERTURBATION;
  if (!(delta > 0 && delta < 1)) throw new InvalidArgumentError('delta', delta, 'a number in (0, 1)');
  const concurrency = options.concurrency ?? 1;
  if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) throw new InvalidArgumentError('concurrency', concurrency, 'an integer in 1 … 64');
  const params = presetParams(experiment, request.preset);
  const resolved = resolveParams(experiment, params) as Record<string, unknown>;
  const runner = options.runner ?? inProcess;

  const started = Date.now();
  const results: ExperimentResult[] = new Array(seeds);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < seeds) {
      if (options.signal?.aborted) throw new CancelledError(experiment.id);
      const index = next++;
      results[index] = await runner(experiment, params, firstSeed + index, options.signal);
      options.onProgress?.(++done, seeds, firstSeed + index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, seeds) }, worker));
  return summarise(experiment, isDefaults(experiment, request.preset) ? null : (request.preset ?? null), resolved, firstSeed, results, delta, Date.now() - started);
}

/** The per-check summary of finished runs (in seed order; the runs' own order does not matter). */
export function summarise(
  experiment: Pick<Experiment, 'id' | 'title'>,
  preset: string | null,
  params: Record<string, unknown>,
  firstSeed: number,
  results: readonly ExperimentResult[],
  delta = DEFAULT_PERTURBATION,
  elapsedMs = 0,
): ExperimentCalibration {
  const byName = new Map<string, Check[]>();
  for (const result of results)
    for (const check of result.checks) {
      const list = byName.get(check.name) ?? [];
      list.push(check);
      byName.set(check.name, list);
    }
  const checks: CheckCalibration[] = [...byName.entries()].map(([name, list]) => {
    const kind = checkKind(list[0]!);
    const failures = list.filter((c) => !c.pass).length;
    const recomputable = list.filter((c) => passesPerturbed(c, 0) === c.pass);
    // A check that names the wrong answer it is for is measured against that; others against the closed form × (1 + δ).
    const alternative = list[0]!.alternative?.label;
    const powerFailures = recomputable.filter((c) => !(alternative !== undefined ? passesAlternative(c) ?? true : passesPerturbed(c, delta))).length;
    const promised = kind === 'exact' ? 0 : FAMILY_ALPHA;
    const uses = list.map((c) => {
      const allowance = kind === 'statistical' ? c.zMax! * c.stderr! : (c.tolerance ?? 0);
      const gap = Math.abs(c.measured - c.expected);
      return allowance > 0 ? gap / allowance : gap === 0 ? 0 : Infinity;
    });
    // A one-sided rule has no allowance on both sides of its prediction to measure a use against.
    const worst = kind === 'one-sided' ? NaN : Math.max(...uses);
    return {
      name,
      kind,
      deterministic: list.every((c) => c.measured === list[0]!.measured),
      falseAlarms: rate(failures, list.length),
      promised,
      exceedsDesign: exceedsRate(failures, list.length, promised, VERDICT_CONFIDENCE),
      power: recomputable.length > 0 ? rate(powerFailures, recomputable.length) : null,
      perturbation: alternative ?? describePerturbation(list[0]!.expected, delta),
      notRecomputable: list.length - recomputable.length,
      worstUse: Number.isFinite(worst) ? worst : null,
    };
  });
  const failingSeeds = results.filter((r) => r.checks.some((c) => !c.pass)).map((r) => r.seed);
  const anyFailure = rate(failingSeeds.length, Math.max(1, results.length));
  return {
    id: experiment.id,
    title: experiment.title,
    preset,
    params,
    firstSeed,
    seeds: results.length,
    anyFailure,
    familyAlpha: FAMILY_ALPHA,
    exceedsDesign: exceedsRate(failingSeeds.length, Math.max(1, results.length), FAMILY_ALPHA, VERDICT_CONFIDENCE),
    failingSeeds: failingSeeds.slice(0, 20),
    checks,
    perturbationDelta: delta,
    elapsedMs,
  };
}
