// One measured case as written to results/latest.json, and the derived figures (throughput, ratio, speedup).
import type { LimitFigures, LimitKind } from './limits.js';
import type { Measurement } from './measure.js';
import type { TwinMeasurement } from './numpy-twins.js';
import type { BenchCase, Goal, Suite, ThroughputUnit, Variant } from './suite.js';
import { UNIT_SCALE } from './suite.js';

export type Limits = ReadonlyMap<LimitKind, LimitFigures>;

export interface Entry {
  suite: string;
  name: string;
  variant: Variant;
  dtype: 'f32' | 'f64' | null;
  size: number;
  meanMs: number;
  medianMs: number;
  /** Fastest sample, per call. */
  minMs: number;
  /** Timed samples; each sample times `batch` back-to-back calls. */
  samples: number;
  batch: number;
  /** Relative margin of error of the mean, percent (95 %). */
  rme: number;
  /** From the median time. */
  throughput: number;
  /** From the fastest sample (`minMs`): what the code reaches when nothing else gets in the way. */
  throughputBest: number;
  throughputUnit: ThroughputUnit;
  limit?: LimitKind;
  /** throughput / the limit's throughput (medians, same run). */
  ratioToLimit?: number;
  /** throughputBest / the limit's best throughput. */
  ratioToLimitBest?: number;
  /** Median of per-pair ratios, each pair one limit call right before one batch of this case (paired.ts). */
  ratioToLimitPaired?: number;
  /** Which probe the limit came from (the faster of native and WASM, see limits.ts). */
  limitSource?: 'native' | 'wasm';
  /** For compute-bound cases: throughput / the WASM SIMD peak (what any WASM kernel here can reach). */
  ratioToWasmPeak?: number;
  /** JS reference median time / this median time. */
  speedupVsJs?: number;
  /** The JS case this was compared with, when its name differs. */
  baseline?: string;
  /** --vs numpy: our throughput / numpy's, median over rounds alternating the two (numpy-twins.ts). */
  vsNumpy?: number;
  /** The numpy twin's request (numpy/twins.py), on both entries of a pair. */
  twin?: string;
  /** 1-minute load average when the case finished: other work skews every figure. */
  load: number;
}

export function toEntry(suite: Suite, c: BenchCase, m: Measurement, limits: Limits, load: number): Entry {
  const rate = (ms: number) => c.work / (ms / 1000) / UNIT_SCALE[c.unit];
  const throughput = rate(m.medianMs);
  const throughputBest = rate(m.minMs);
  const entry: Entry = {
    suite: suite.name,
    name: c.name,
    variant: c.variant,
    dtype: c.dtype,
    size: c.size,
    meanMs: m.meanMs,
    medianMs: m.medianMs,
    minMs: m.minMs,
    samples: m.samples,
    batch: m.batch,
    rme: m.rme,
    throughput,
    throughputBest,
    throughputUnit: c.unit,
    load,
  };
  if (c.baseline !== undefined) entry.baseline = c.baseline;
  if (c.limit !== undefined) {
    entry.limit = c.limit;
    const limit = limits.get(c.limit);
    if (limit !== undefined) {
      entry.limitSource = limit.source;
      entry.ratioToLimit = throughput / limit.median;
      entry.ratioToLimitBest = throughputBest / limit.best;
      if (c.limit === 'peak') entry.ratioToWasmPeak = throughput / limit.wasm.median;
    }
    if (m.pairedRatio !== undefined) entry.ratioToLimitPaired = m.pairedRatio;
  }
  return entry;
}

/** The numpy twin's entry, measured right after ours (numpy-twins.ts); its ratio to the limit is a ratio of medians. */
export function toTwinEntry(ours: Entry, c: BenchCase, t: TwinMeasurement, limits: Limits, load: number): Entry {
  const rate = (ms: number) => c.work / (ms / 1000) / UNIT_SCALE[c.unit];
  const entry: Entry = {
    ...ours,
    variant: 'numpy',
    meanMs: t.medianMs,
    medianMs: t.medianMs,
    minMs: t.minMs,
    samples: t.samples,
    batch: 1,
    rme: Number.NaN,
    throughput: rate(t.medianMs),
    throughputBest: rate(t.minMs),
    load,
  };
  for (const key of ['ratioToLimitPaired', 'speedupVsJs', 'vsNumpy', 'baseline', 'ratioToWasmPeak'] as const) delete entry[key];
  const limit = c.limit === undefined ? undefined : limits.get(c.limit);
  if (limit !== undefined) {
    entry.ratioToLimit = entry.throughput / limit.median;
    entry.ratioToLimitBest = entry.throughputBest / limit.best;
    if (c.limit === 'peak') entry.ratioToWasmPeak = entry.throughput / limit.wasm.median;
  }
  return entry;
}

/** Fills `speedupVsJs` of every non-JS entry that has a JS entry with its (baseline) name, dtype and size. */
export function addSpeedups(entries: Entry[]): void {
  for (const e of entries) {
    if (e.variant !== 'wasm') continue;
    const name = e.baseline ?? e.name;
    const js = entries.find((j) => j.variant === 'js' && j.name === name && j.dtype === e.dtype && j.size === e.size);
    if (js) e.speedupVsJs = js.medianMs / e.medianMs;
  }
}

export interface GoalResult {
  label: string;
  kind: Goal['kind'];
  target: number;
  /** The reached ratio or throughput (medians); undefined when the case did not run (size or suite not selected). */
  reached?: number;
  /** The same from the fastest samples. */
  reachedBest?: number;
  /** For ratio goals: the paired ratio (judged on this when present). */
  reachedPaired?: number;
  met?: boolean;
}

export function goalMatches(goal: Goal, e: Entry): boolean {
  const m = goal.match;
  return m.name === e.name && m.dtype === e.dtype && m.size === e.size && m.variant === e.variant;
}

export function evaluateGoal(goal: Goal, entries: readonly Entry[]): GoalResult {
  const e = entries.find((x) => goalMatches(goal, x));
  const reached = e === undefined ? undefined : goal.kind === 'ratio' ? e.ratioToLimit : goal.kind === 'numpy' ? e.vsNumpy : e.throughput;
  const reachedBest = e === undefined || goal.kind === 'numpy' ? undefined : goal.kind === 'ratio' ? e.ratioToLimitBest : e.throughputBest;
  const result: GoalResult = { label: goal.label, kind: goal.kind, target: goal.target };
  const paired = goal.kind === 'ratio' ? e?.ratioToLimitPaired : undefined;
  if (reached !== undefined) {
    result.reached = reached;
    result.met = (paired ?? reached) >= goal.target;
  }
  if (reachedBest !== undefined) result.reachedBest = reachedBest;
  if (paired !== undefined) result.reachedPaired = paired;
  return result;
}
