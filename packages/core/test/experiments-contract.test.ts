// The experiment contract, for EVERY registered experiment (small parameters: the 'smoke' preset, else 'quick', where there is one):
// the result is plain JSON (round-trips unchanged), checks/series/tables have the promised fields and lengths,
// parameter fields are readable, every value key has metadata (label, unit, meaning; its standard error a value of the
// same result), and an aborted run rejects with a CancelledError holding a well-formed partial.
import { describe, expect, it } from 'vitest';
import { CancelledError, experiments, paramFields, parseParamText, formatParamText, resolveParams, runExperiment, valueInfo, type Experiment, type ExperimentResult } from '@hw3/core';

/** Every value key the run produced has metadata; a named standard error is a value of the same result. */
function expectDescribed(experiment: Experiment, result: ExperimentResult): void {
  for (const key of Object.keys(result.values)) {
    const info = valueInfo(experiment.values, key);
    expect(info, `${experiment.id}: value ${key} has no entry in the experiment's \`values\` catalog`).toBeDefined();
    expect(info!.label, `${experiment.id}.${key}: label`).not.toBe('');
    // A key that is a plain word ('trials') may be its own label; an identifier ('slopeD1', 'var_score_mu') may not.
    if (/[^a-z ]/.test(key)) expect(info!.label, `${experiment.id}.${key}: the label is the raw key`).not.toBe(key);
    expect(info!.label, `${experiment.id}.${key}: unfilled placeholder`).not.toMatch(/[{}]/);
    expect(info!.meaning, `${experiment.id}.${key}: meaning`).not.toBe('');
    if (info!.stderr !== undefined) expect(Object.keys(result.values), `${experiment.id}.${key}: its stderr ${info!.stderr} is not a value of the result`).toContain(info!.stderr);
  }
}

function expectWellFormed(result: ExperimentResult): void {
  expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
  expect(typeof result.id).toBe('string');
  expect(typeof result.question).toBe('string');
  expect(typeof result.title).toBe('string');
  for (const [name, value] of Object.entries(result.values)) {
    expect(value === null || Number.isFinite(value), `value ${name}`).toBe(true);
  }
  for (const check of result.checks) {
    expect(typeof check.name).toBe('string');
    expect(Number.isFinite(check.expected), `${check.name}: expected`).toBe(true);
    expect(Number.isFinite(check.measured), `${check.name}: measured`).toBe(true);
    expect(typeof check.pass).toBe('boolean');
    expect(check.stderr !== undefined || check.tolerance !== undefined, `${check.name}: has neither stderr nor tolerance (build it with zCheck or exactCheck)`).toBe(true);
    if (check.stderr !== undefined) {
      expect(check.stderr, `${check.name}: stderr`).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(check.z), `${check.name}: z`).toBe(true);
      expect(check.zMax, `${check.name}: zMax`).toBeGreaterThan(0);
      expect(check.pass).toBe(Math.abs(check.z!) <= check.zMax!);
    }
  }
  for (const s of result.series) {
    for (const key of ['plot', 'label', 'xLabel', 'yLabel'] as const) expect(typeof s[key], `${s.plot}/${s.label}: ${key}`).toBe('string');
    expect(s.y.length, `${s.plot}/${s.label}: y`).toBe(s.x.length);
    if (s.yLow) expect(s.yLow.length).toBe(s.x.length);
    if (s.yHigh) expect(s.yHigh.length).toBe(s.x.length);
    for (const i of s.marks ?? []) expect(Number.isInteger(i) && i >= 0 && i < s.x.length, `${s.plot}/${s.label}: mark ${i}`).toBe(true);
    if (s.marks?.length) expect(typeof s.markLabel, `${s.plot}/${s.label}: a mark needs its legend label`).toBe('string');
  }
  // A figure belongs to at most one row of panels.
  for (const plot of new Set(result.series.map((s) => s.plot))) {
    const groups = new Set(result.series.filter((s) => s.plot === plot && s.group !== undefined).map((s) => s.group));
    expect(groups.size, `${plot}: groups ${[...groups]}`).toBeLessThanOrEqual(1);
  }
  for (const t of result.tables) {
    for (const row of t.rows) expect(row.length, `${t.title}: row length`).toBe(t.columns.length);
  }
}

const small = (id: string) => { const p = experiments.find((e) => e.id === id)!.presets; return p?.smoke ?? p?.quick ?? {}; };

describe('every registered experiment', () => {
  it('has unique kebab-case ids and is listed in homework order (1a, 1b, 1c before 4a–4c)', () => {
    const ids = experiments.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const at = (q: string) => experiments.findIndex((e) => e.question === q || (e.parts ?? []).includes(q));
    expect(at('1a')).toBeLessThan(at('1b'));
    expect(at('1b')).toBeLessThan(at('1c'));
    expect(at('1c')).toBeLessThan(at('4a'));
  });

  it.each(experiments.map((e) => [e.id]))('%s: parameter fields describe the schema and defaults round-trip through text', (id) => {
    const e = experiments.find((x) => x.id === id)!;
    const fields = paramFields(e);
    expect(fields.length).toBeGreaterThan(0);
    const raw: Record<string, unknown> = {};
    for (const f of fields) {
      expect(f.description, `${id}.${f.name} has a description`).not.toBe('');
      if (f.default !== undefined && f.type !== 'string') raw[f.name] = parseParamText(f, formatParamText(f.default));
    }
    expect(() => resolveParams(e, raw)).not.toThrow();
  });

  it.each(experiments.map((e) => [e.id]))('%s: a small run returns a well-formed, JSON-clean result', { timeout: 120_000 }, async (id) => {
    const e = experiments.find((x) => x.id === id)!;
    const result = await runExperiment(e, small(id), { seed: 3 });
    expect(result.status).toBe('complete');
    expect(result.checks.length).toBeGreaterThan(0);
    expectWellFormed(result);
    expectDescribed(e, result);
  });

  it.each(experiments.map((e) => [e.id]))('%s: an aborted run rejects with a CancelledError and a well-formed partial', async (id) => {
    const e = experiments.find((x) => x.id === id)!;
    const controller = new AbortController();
    controller.abort();
    const error = await runExperiment(e, small(id), { seed: 3, signal: controller.signal }).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(CancelledError);
    const partial = (error as CancelledError<ExperimentResult>).partial!;
    expect(partial.status).toBe('cancelled');
    expectWellFormed(partial);
  });
});
