// Property tests over every experiment's parameter schema (issue 16 item 7). Invalid values (out of range, wrong
// type, NaN/±Infinity, too many or too few items, unknown keys) must be a ParamError naming the parameter; valid
// values no larger than the smoke preset's must give a well-formed result (no NaN/Infinity: non-finite values are
// null) or a typed error naming a parameter (cross-field rules). Runs only experiments whose smoke run is quick.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { experiments, Hw3Error, ParamError, paramFields, resolveParams, runExperiment, type Experiment, type ParamField } from '@hw3/core';
import { createFuzzStats, printFuzzStats, timed } from './fuzz-stats.js';

const stats = createFuzzStats();
afterAll(() => printFuzzStats('fuzz-schemas', stats));

const small = (e: Experiment) => (e.presets?.smoke ?? e.presets?.quick ?? {}) as Record<string, unknown>;
/** Smoke runs that take seconds (network training, Lanczos) are fuzzed at the schema only. */
const SLOW = new Set(['lr-transfer', 'spectral', 'coord-check', 'mup-table']);

const junk = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, '12', null, true, [], {}, undefined);

function invalidValue(f: ParamField): fc.Arbitrary<unknown> {
  const lo = f.minimum ?? -1e9;
  const hi = f.maximum ?? 1e9;
  switch (f.type) {
    case 'integer':
    case 'number':
      return fc.oneof(
        junk.filter((v) => v !== undefined),
        // fast-check counts −0 as below 0, but it is not out of range (−0 ≥ 0), so it is filtered out.
        fc.double({ max: lo, maxExcluded: true, noNaN: true, min: lo - 1e6 }).filter((v) => v < lo),
        fc.double({ min: hi, minExcluded: true, noNaN: true, max: hi + 1e6 }).filter((v) => v > hi),
        ...(f.type === 'integer' ? [fc.integer({ min: Math.ceil(lo), max: Math.floor(Math.min(hi, lo + 1000)) }).map((v) => v + 0.5)] : []),
      );
    case 'integer[]':
    case 'number[]':
      return fc.oneof(
        junk.filter((v) => v !== undefined && !Array.isArray(v)),
        fc.constant(Array.from({ length: (f.maxItems ?? 64) + 1 }, (_, i) => lo + i)),
        fc.tuple(fc.double({ min: hi, minExcluded: true, noNaN: true, max: hi + 1e6 }), fc.nat(3)).map(([bad, k]) => [...Array.from({ length: Math.max(f.minItems ?? 1, 2) }, (_, i) => lo + i), bad].slice(k % 2)),
        fc.constant([lo, 'x', NaN]),
        ...((f.minItems ?? 0) > 0 ? [fc.constant(Array.from({ length: (f.minItems ?? 1) - 1 }, () => lo))] : []),
      );
    case 'enum':
      return fc.oneof(fc.string({ maxLength: 12 }).filter((s) => !(f.options ?? []).includes(s)), fc.constant(3));
    case 'boolean':
      return fc.constantFrom('yes', 1, null);
    case 'string':
      return fc.constantFrom(5, '', 'x'.repeat(501), null);
  }
}

function validValue(f: ParamField, base: unknown): fc.Arbitrary<unknown> {
  const lo = f.minimum ?? -1e3;
  const cap = (v: unknown) => (typeof v === 'number' && v >= lo ? Math.min(v, f.maximum ?? v) : (f.maximum ?? lo + 10));
  switch (f.type) {
    case 'integer':
      return fc.integer({ min: Math.ceil(lo), max: Math.floor(cap(base)) });
    case 'number':
      return fc.double({ min: lo, max: cap(base), noNaN: true });
    case 'integer[]':
    case 'number[]': {
      const list = Array.isArray(base) ? (base as number[]) : [];
      const top = list.length > 0 ? Math.max(...list) : cap(undefined);
      const item = f.type === 'integer[]' ? fc.integer({ min: Math.ceil(lo), max: Math.floor(top) }) : fc.double({ min: lo, max: top, noNaN: true });
      return fc.uniqueArray(item, { minLength: f.minItems ?? 0, maxLength: Math.max(f.minItems ?? 0, Math.min(f.maxItems ?? 4, list.length || 4)) });
    }
    case 'enum':
      return fc.constantFrom(...(f.options ?? []));
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.constantFrom('x^2', 'exp(-x)', 'sin(x) + x^3', 'log(1 + x)');
  }
}

function expectFinite(result: Awaited<ReturnType<typeof runExperiment>>): void {
  for (const [name, value] of Object.entries(result.values)) expect(value === null || Number.isFinite(value), `value ${name}`).toBe(true);
  for (const check of result.checks) {
    expect(Number.isFinite(check.expected) && Number.isFinite(check.measured), check.name).toBe(true);
  }
}

describe.each(experiments.map((e) => [e.id, e] as const))('%s', (_id, experiment) => {
  const fields = paramFields(experiment);
  const base = { ...Object.fromEntries(fields.map((f) => [f.name, f.default])), ...small(experiment) };

  it('an invalid value of any field is a ParamError naming that field', () => {
    const arb = fc.constantFrom(...fields).chain((f) => invalidValue(f).map((value) => [f, value] as const));
    fc.assert(
      fc.property(arb, ([field, value]) => {
        stats.generated++;
        const r = timed(stats, () => resolveParams(experiment, { ...small(experiment), [field.name]: value }));
        expect(r.error, `${field.name} = ${String(value)} was accepted`).toBeInstanceOf(ParamError);
        expect((r.error as ParamError).issues.some((i) => i.param === field.name || i.param.startsWith(`${field.name}.`)), (r.error as Error).message).toBe(true);
        expect(r.ms).toBeLessThan(1000);
      }),
      { numRuns: 60, seed: 16 },
    );
  });

  it('an unknown key is a ParamError naming it and the known keys', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 16 }).filter((k) => !fields.some((f) => f.name === k) && k !== '__proto__'), (key) => {
        stats.generated++;
        const r = timed(stats, () => resolveParams(experiment, { [key]: 1 }));
        expect(r.error).toBeInstanceOf(ParamError);
        expect((r.error as ParamError).param).toBe(key);
      }),
      { numRuns: 15, seed: 16 },
    );
  });

  it.skipIf(SLOW.has(experiment.id))('a valid value (no larger than the smoke preset) gives a finite result or a typed error naming a field', { timeout: 120_000 }, async () => {
    const arb = fc.constantFrom(...fields).chain((f) => validValue(f, base[f.name]).map((value) => [f, value] as const));
    await fc.assert(
      fc.asyncProperty(arb, async ([field, value]) => {
        stats.generated++;
        try {
          const result = await runExperiment(experiment, { ...small(experiment), [field.name]: value }, { seed: 5 });
          expect(result.status).toBe('complete');
          expectFinite(result);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(Hw3Error);
          expect(fields.some((f) => f.name === (error as Hw3Error).param || (error as Hw3Error).param?.startsWith(`${f.name}.`)) || (error as Hw3Error).param === 'formula', (error as Error).message).toBe(true);
        }
      }),
      { numRuns: 2, seed: 16 },
    );
  });
});
