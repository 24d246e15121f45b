// Field and form checks against real experiments' schemas (remat: bounds and the rule every ≤ layers).
import { getExperiment } from '@hw3/core/experiments';
import { paramFields } from '@hw3/core/lab';
import { describe, expect, it } from 'vitest';
import { checkField, checkForm, fieldTexts, SEED_FIELD } from '../src/fields.js';

const remat = getExperiment('remat');
const fields = paramFields(remat);
const field = (name: string) => fields.find((f) => f.name === name)!;
const defaults = () => new Map(fieldTexts(fields));

describe('checkField', () => {
  it('parses and checks a value against the field’s own schema', () => {
    expect(checkField(remat, field('layers'), '20')).toEqual({ ok: true, value: 20 });
  });

  it('names the parameter and the value for text that is not a number', () => {
    const check = checkField(remat, field('layers'), 'ten');
    expect(check).toMatchObject({ ok: false, allowed: 'an integer' });
    if (!check.ok) expect(check.message).toBe('layers must be an integer, got "ten"');
  });

  it('takes the bound from the schema', () => {
    const check = checkField(remat, field('layers'), '0');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(/^layers: .*1.*, got "0"$/);
  });

  it('clips a huge value', () => {
    const check = checkField(remat, field('layers'), '1'.repeat(10_000));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message.length).toBeLessThanOrEqual(300);
  });
});

describe('checkForm', () => {
  it('gives the parameters and the seed when everything is valid', () => {
    const texts = defaults();
    texts.set('layers', '20');
    const form = checkForm(remat, texts, '7');
    expect(form.errors).toEqual([]);
    expect(form.params).toMatchObject({ layers: 20, every: 5 });
    expect(form.seed).toBe(7);
  });

  it('reports every bad field and the seed at once', () => {
    const texts = defaults();
    texts.set('layers', 'x');
    texts.set('every', '-1');
    const form = checkForm(remat, texts, 'abc');
    expect(form.params).toBeUndefined();
    expect(form.errors.map(([name]) => name)).toEqual(['layers', 'every', SEED_FIELD]);
  });

  it('applies the rules that tie fields together, naming the field', () => {
    const texts = defaults();
    texts.set('layers', '3');
    texts.set('every', '5');
    const form = checkForm(remat, texts, '1');
    expect(form.params).toBeUndefined();
    expect(form.errors).toHaveLength(1);
    expect(form.errors[0]![0]).toBe('every');
  });
});
