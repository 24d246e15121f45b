// Value metadata: every catalog is well formed (each standard error it names is itself described, in the same unit),
// placeholders resolve, and a result renders as "label = value ± error unit" with standard errors folded in.
// That every key a run produces is described is checked on real runs in experiments-contract.test.ts.
import { describe, expect, it } from 'vitest';
import { describeValues, estimateWithStderr, experiments, getExperiment, runExperiment, valueInfo, valuesTable, valueText, type NumberFormat } from '@hw3/core';

const plain: NumberFormat = (v, digits = 5) => (v === null ? '—' : String(Number(v.toPrecision(digits))));

describe('value catalogs', () => {
  it.each(experiments.map((e) => [e.id]))('%s: every entry has a label, a meaning, and a described standard error of the same unit', (id) => {
    const catalog = getExperiment(id).values;
    expect(Object.keys(catalog).length).toBeGreaterThan(0);
    for (const [key, info] of Object.entries(catalog)) {
      expect(info.label.trim(), `${id}.${key}`).not.toBe('');
      expect(info.meaning.trim(), `${id}.${key}`).not.toBe('');
      expect(typeof info.unit, `${id}.${key}`).toBe('string');
      if (info.stderr === undefined) continue;
      const error = valueInfo(catalog, info.stderr);
      expect(error, `${id}.${key}: its stderr key ${info.stderr} has no entry`).toBeDefined();
      expect(error!.unit, `${id}.${key}: stderr unit`).toBe(info.unit);
      expect(error!.stderr, `${id}.${info.stderr}: a standard error has no standard error of its own`).toBeUndefined();
    }
  });

  it('resolves placeholders in keys, labels, meanings and stderr names', () => {
    const catalog = getExperiment('signgd-update').values;
    expect(valueInfo(catalog, 'crossoverD1B32')?.label).toBe('crossover fan-in at B = 32');
    expect(valueInfo(catalog, 'slopeD1B4SignOfSum')?.label).toBe('slope in d₁, B = 4, sign of sum');
    expect(valueInfo(catalog, 'slopeD1B4Typo')).toBeUndefined();
    expect(valueInfo(catalog, 'constructor')).toBeUndefined();
    expect(valueInfo({ 'm{i}': { label: 'mean {i}', unit: 'ns', meaning: 'mean of {i}', stderr: 'm{i}Se' } }, 'm7')).toEqual({ label: 'mean 7', unit: 'ns', meaning: 'mean of 7', stderr: 'm7Se' });
  });

  it('folds each standard error into its estimate and renders "label = value ± error unit"', () => {
    const catalog = { ...estimateWithStderr('t', { label: 'time', unit: 'ns', meaning: 'a time' }), n: { label: 'count', unit: '', meaning: 'a count' } };
    const described = describeValues(catalog, { t: 2.00051, tStderr: 0.01049, n: 3, unknown: 1 });
    expect(described.map((d) => d.key)).toEqual(['t', 'n', 'unknown']);
    expect(described.map((d) => valueText(d, plain))).toEqual(['time = 2.0005 ± 0.01 ns', 'count = 3', 'unknown = 1']);
    // A standard error whose estimate is missing (a partial result) is listed on its own, under its label.
    expect(describeValues(catalog, { tStderr: 0.1 }).map((d) => valueText(d, plain))).toEqual(['standard error of time = 0.1 ns']);
    expect(valuesTable(catalog, { t: 2, tStderr: 0.5 })).toEqual({ columns: ['quantity', 'value', 'standard error', 'unit', 'meaning', 'key'], rows: [['time', 2, 0.5, 'ns', 'a time', 't']] });
  });

  it('describes the per-batch values of signgd-update for batch sizes outside its presets', async () => {
    const e = getExperiment('signgd-update');
    const result = await runExperiment(e, { d1s: [4, 16], d2: 4, batches: [3, 7], budget: 4096, minTrials: 8, maxTrials: 64 }, { seed: 2 });
    const labels = describeValues(e.values, result.values).map((d) => d.label);
    expect(labels).toContain('crossover fan-in at B = 7');
    expect(labels).toContain('slope in d₁, B = 3, sum of signs');
    for (const key of Object.keys(result.values)) expect(valueInfo(e.values, key), key).toBeDefined();
  });
});
