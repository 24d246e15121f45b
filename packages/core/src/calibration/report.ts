// The calibration report: a JSON document (one entry per experiment, replaced when that experiment is calibrated
// again) and its Markdown rendering, committed as docs/calibration.{json,md} and shown by the explorer.
import { InvalidArgumentError } from '../base/errors.js';
import type { CheckCalibration, ExperimentCalibration, Rate } from './calibrate.js';
import { DEFAULT_PERTURBATION, INTERVAL_CONFIDENCE, VERDICT_CONFIDENCE } from './calibrate.js';
import { calibrationPlan, DEFAULTS_PRESET } from './plan.js';
import { continues, extendCalibration, type CalibrationPart } from './extend.js';

/** An experiment's calibration as stored in the report. */
export interface CalibrationEntry extends ExperimentCalibration {
  /** When it ran (ISO 8601) and on which source (git commit, when known). */
  ranAt: string;
  commit: string | null;
  /** The sittings it ran in (seed ranges), oldest first, when it was extended by the seeds that follow (see mergeReport). */
  parts?: CalibrationPart[];
}

/** The report file: one entry per experiment calibrated. */
export interface CalibrationReport {
  format: 'hw3-calibration/1';
  experiments: CalibrationEntry[];
}

/** A report with no experiments yet. */
export function emptyReport(): CalibrationReport {
  return { format: 'hw3-calibration/1', experiments: [] };
}

/** Reads a report from parsed JSON, refusing anything else. @throws InvalidArgumentError */
export function parseReport(value: unknown): CalibrationReport {
  const v = value as Partial<CalibrationReport> | null;
  if (!v || typeof v !== 'object' || v.format !== 'hw3-calibration/1' || !Array.isArray(v.experiments)) {
    throw new InvalidArgumentError('report', typeof value === 'object' ? '(object)' : value, "a calibration report (format 'hw3-calibration/1')");
  }
  return v as CalibrationReport;
}

/**
 * The report with `fresh` entries replacing those of the same experiment, in `order` (ids) where given — or extending
 * them, when a fresh entry runs the same checks on the seeds right after the stored ones (e.g. seeds 131–200 after
 * 1–130): its counts are added, and the entry lists both sittings.
 */
export function mergeReport(report: CalibrationReport, fresh: readonly CalibrationEntry[], order: readonly string[] = []): CalibrationReport {
  const byId = new Map(report.experiments.map((e) => [e.id, e]));
  for (const entry of fresh) {
    const stored = byId.get(entry.id);
    byId.set(entry.id, stored && continues(stored, entry) ? extendCalibration(stored, entry) : entry);
  }
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return { format: 'hw3-calibration/1', experiments: [...byId.values()].sort((a, b) => rank(a.id) - rank(b.id)) };
}

const pct = (x: number) => (x === 0 ? '0' : x < 0.001 ? `${(100 * x).toPrecision(2)} %` : `${(100 * x).toFixed(x < 0.1 ? 2 : 1)} %`);

/** "3/200 (0.31 % – 4.3 %)". */
export function formatRate(r: Rate): string {
  return `${r.failures}/${r.runs} (${pct(r.low)} – ${pct(r.high)})`;
}

function kindText(c: CheckCalibration): string {
  if (c.kind === 'exact') return c.deterministic ? 'exact, seed-independent' : 'exact';
  const base = c.kind === 'statistical' ? 'z/t' : c.kind === 'one-sided' ? 'one-sided' : 'band';
  return c.deterministic ? `${base}, seed-independent` : base;
}

function verdict(c: CheckCalibration): string {
  if (c.exceedsDesign) return '**exceeds design**';
  if (c.power === null) return 'power not recomputable';
  if (c.power.failures === 0) return c.deterministic ? 'blind to the perturbation (seed-independent value)' : 'blind to the perturbation';
  return 'ok';
}

/** The `--preset` that reproduces an entry: its preset, or `default` where the plan would otherwise pick one. */
const presetFlag = (e: CalibrationEntry) => (e.preset ? ` --preset ${e.preset}` : calibrationPlan(e.id).preset ? ` --preset ${DEFAULTS_PRESET}` : '');

const ranText = (p: { ranAt: string; commit: string | null; elapsedMs: number }) => `ran ${p.ranAt}${p.commit ? ` on ${p.commit}` : ''} in ${(p.elapsedMs / 1000).toFixed(0)} s`;

/** When and where an entry ran: once, or seed range by seed range. */
const sittings = (e: CalibrationEntry) =>
  e.parts && e.parts.length > 1 ? e.parts.map((p) => `seeds ${p.firstSeed}–${p.firstSeed + p.seeds - 1} ${ranText(p)}`).join('; ') : ranText(e);

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown document. */
export function renderCalibrationMarkdown(report: CalibrationReport): string {
  const lines: string[] = [
    '# Calibration of every check',
    '',
    'Written by `hw3 calibrate --report docs/calibration.json` (all of it: `npm run calibrate`); do not edit by hand. Each',
    'experiment runs on consecutive seeds (its section names the command that reproduces it); for every check the',
    'table gives how often it failed on this (correct) implementation — its false-alarm rate, with a',
    `${100 * INTERVAL_CONFIDENCE} % Clopper–Pearson interval — against the rate its design promises, and its power: how often it`,
    'fails on a stated wrong answer, recomputed by the check\'s own rule from the numbers it reports (measured value,',
    'standard error and zMax, or tolerance). The wrong answer is the one the check names — a law with the wrong exponent,',
    'or what a wrong implementation measured in the same run (e.g. SP\'s run under a μP check) — and otherwise its closed',
    `form × ${1 + DEFAULT_PERTURBATION} (or + ${DEFAULT_PERTURBATION} where theory puts it at 0).`,
    '',
    '- **promised**: an experiment promises a family-wise false-alarm rate of 1/1000 per run (Šidák over its statistical',
    '  checks, `FAMILY_ALPHA` in `packages/core/src/stats/significance.ts`), so no check may fail more often; exact',
    '  checks (deterministic counts, tolerance 0) promise 0.',
    `- **exceeds design**: the failures reject "rate ≤ promised" at ${100 * VERDICT_CONFIDENCE} % confidence (one-sided exact binomial test).`,
    '- **blind**: the check still passes on every seed against the wrong answer: it cannot tell that error. Where a',
    `  check's budget cannot resolve ×${1 + DEFAULT_PERTURBATION}, it names the error it can: the smallest it detects with 90 % power, from its`,
    '  design standard error (exact moments), with the 50 % one beside it.',
    '- **seed-independent**: the measured value is the same on every seed (a deterministic computation).',
    '- **one-sided**: passes on one side of a bound (e.g. "slope − 3 standard errors > the flat band"); its power is',
    '  recomputed by the same rule, and it has no worst use (—).',
    '- **worst use**: the largest |measured − expected| / (zMax·stderr or tolerance) seen; 1 is the edge of failing.',
    '',
  ];
  lines.push('## Summary', '', '| experiment | preset | seeds | runs with a failure (95 % CI) | family-wise promise | verdict |', '|---|---|---|---|---|---|');
  for (const e of report.experiments) {
    lines.push(`| ${e.id} | ${e.preset ?? 'default'} | ${e.firstSeed}–${e.firstSeed + e.seeds - 1} | ${formatRate(e.anyFailure)} | ${pct(e.familyAlpha)} | ${e.exceedsDesign ? '**exceeds design**' : 'within design'} |`);
  }
  for (const e of report.experiments) {
    lines.push('', `## ${e.id}: ${cell(e.title)}`, '');
    lines.push(
      `\`hw3 calibrate ${e.id} --seeds ${e.seeds} --first-seed ${e.firstSeed}${presetFlag(e)}${e.perturbationDelta !== DEFAULT_PERTURBATION ? ` --delta ${e.perturbationDelta}` : ''}\`: ` +
        `preset ${e.preset ?? 'none (defaults)'}; seeds ${e.firstSeed}–${e.firstSeed + e.seeds - 1}; ${sittings(e)}.` +
        (e.failingSeeds.length ? ` Seeds with a failing check: ${e.failingSeeds.join(', ')}${e.anyFailure.failures > e.failingSeeds.length ? ', …' : ''}.` : ''),
      '',
      '| check | kind | false alarms (95 % CI) | promised | power at the perturbation | worst use | verdict |',
      '|---|---|---|---|---|---|---|',
    );
    for (const c of e.checks) {
      const power = c.power === null ? '—' : `${formatRate(c.power)} at ${c.perturbation}`;
      lines.push(`| ${cell(c.name)} | ${kindText(c)} | ${formatRate(c.falseAlarms)} | ${pct(c.promised)} | ${power} | ${c.worstUse === null ? (c.kind === 'one-sided' ? '—' : '∞') : c.worstUse.toFixed(2)} | ${verdict(c)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
