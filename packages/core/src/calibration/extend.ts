// Extending a calibration by the seeds that follow it: an experiment too slow to calibrate in one sitting (spectral,
// 11 s of CPU a seed) is run in consecutive seed ranges, and the report adds the counts up as if it had run once.
import type { CheckCalibration, Rate } from './calibrate.js';
import { INTERVAL_CONFIDENCE, VERDICT_CONFIDENCE } from './calibrate.js';
import { clopperPearson, exceedsRate } from './binomial.js';

/** One sitting of a calibration: its seeds, when and on which source it ran, and how long it took. */
export interface CalibrationPart {
  firstSeed: number;
  seeds: number;
  ranAt: string;
  commit: string | null;
  elapsedMs: number;
}

/** The fields of a report entry that extending reads and writes (see CalibrationEntry). */
interface Extendable {
  id: string;
  preset: string | null;
  params: Record<string, unknown>;
  firstSeed: number;
  seeds: number;
  anyFailure: Rate;
  familyAlpha: number;
  exceedsDesign: boolean;
  failingSeeds: number[];
  checks: CheckCalibration[];
  perturbationDelta: number;
  elapsedMs: number;
  ranAt: string;
  commit: string | null;
  /** The sittings it was run in, oldest first, when more than one. */
  parts?: CalibrationPart[];
}

const sum = (a: Rate, b: Rate): Rate => {
  const failures = a.failures + b.failures;
  const runs = a.runs + b.runs;
  return { failures, runs, ...clopperPearson(failures, runs, INTERVAL_CONFIDENCE) };
};

/** Stable JSON (keys sorted) to compare parameters. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/**
 * Whether `next` continues `before`: the same experiment, preset, parameters and perturbation, the same checks (names,
 * kinds and the wrong answers their power is measured against), and seeds starting right after `before`'s last.
 */
export function continues(before: Extendable, next: Extendable): boolean {
  if (before.id !== next.id || before.preset !== next.preset || before.perturbationDelta !== next.perturbationDelta) return false;
  if (next.firstSeed !== before.firstSeed + before.seeds || canonical(before.params) !== canonical(next.params)) return false;
  if (before.checks.length !== next.checks.length) return false;
  return before.checks.every((c, i) => {
    const d = next.checks[i]!;
    return c.name === d.name && c.kind === d.kind && c.perturbation === d.perturbation && c.promised === d.promised;
  });
}

const partsOf = (e: Extendable): CalibrationPart[] => e.parts ?? [{ firstSeed: e.firstSeed, seeds: e.seeds, ranAt: e.ranAt, commit: e.commit, elapsedMs: e.elapsedMs }];

/** `before` and `next` as one calibration over both seed ranges (call only when `continues(before, next)`). */
export function extendCalibration<E extends Extendable>(before: E, next: E): E {
  const checks = before.checks.map((c, i): CheckCalibration => {
    const d = next.checks[i]!;
    const falseAlarms = sum(c.falseAlarms, d.falseAlarms);
    return {
      ...c,
      deterministic: c.deterministic && d.deterministic,
      falseAlarms,
      exceedsDesign: exceedsRate(falseAlarms.failures, falseAlarms.runs, c.promised, VERDICT_CONFIDENCE),
      power: c.power && d.power ? sum(c.power, d.power) : (c.power ?? d.power),
      notRecomputable: c.notRecomputable + d.notRecomputable,
      worstUse: c.worstUse === null || d.worstUse === null ? null : Math.max(c.worstUse, d.worstUse),
    };
  });
  const anyFailure = sum(before.anyFailure, next.anyFailure);
  return {
    ...next,
    firstSeed: before.firstSeed,
    seeds: before.seeds + next.seeds,
    anyFailure,
    exceedsDesign: exceedsRate(anyFailure.failures, anyFailure.runs, next.familyAlpha, VERDICT_CONFIDENCE),
    failingSeeds: [...before.failingSeeds, ...next.failingSeeds].slice(0, 20),
    checks,
    elapsedMs: before.elapsedMs + next.elapsedMs,
    parts: [...partsOf(before), ...partsOf(next)],
  };
}
