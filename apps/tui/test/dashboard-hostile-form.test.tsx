// Hostile values in the dashboard's parameter form (10 kB strings, 1e999, __proto__, NaN, empty list elements):
// for every field of every registered experiment the form never throws, names the field in its message, keeps the
// message short, and a valid value typed afterwards is accepted again. The form itself renders such values.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { experiments, paramFields, type Experiment, type ParamField } from '@hw3/core';
import { ParamForm } from '../src/dashboard/ParamForm.js';
import { checkForm, fieldTexts, SEED_FIELD } from '@hw3/client/fields';

const initialTexts = (experiment: Experiment) => Object.fromEntries(fieldTexts(paramFields(experiment)));
const errorsOf = (check: { errors: [string, string][] }) => new Map(check.errors);

const HOSTILE = ['x'.repeat(10_000), '9'.repeat(10_000), '1e999', '-1e999', '__proto__', 'constructor', 'NaN', 'Infinity', '1,,2', ',', '', ' ', '0x10', '１２', '\u0000', '1;2'];

afterEach(() => cleanup());

describe('parameter form with hostile values', () => {
  for (const experiment of experiments) {
    it(`${experiment.id}: every field rejects or accepts each value with a message naming it`, () => {
      const fields = paramFields(experiment);
      const defaults = initialTexts(experiment);
      expect(checkForm(experiment, defaults, '1', fields).errors).toEqual([]);
      for (const field of fields) {
        for (const value of HOSTILE) {
          const check = checkForm(experiment, { ...defaults, [field.name]: value }, '1', fields);
          const message = errorsOf(check).get(field.name);
          if (message === undefined) {
            // Accepted: only text a field may really hold (a formula field takes any short string).
            expect(check.params, `${field.name}=${JSON.stringify(value.slice(0, 20))}`).toBeDefined();
            continue;
          }
          expect(message, `${field.name}=${JSON.stringify(value.slice(0, 20))}`).toContain(field.name);
          expect(message.length).toBeLessThan(400);
        }
      }
    });
  }

  it('the seed field rejects hostile seeds by name', () => {
    const experiment = experiments[0]!;
    const fields = paramFields(experiment);
    for (const seed of ['-1', '1e999', '__proto__', 'x'.repeat(10_000), '9'.repeat(30)]) {
      const message = errorsOf(checkForm(experiment, initialTexts(experiment), seed, fields)).get(SEED_FIELD);
      expect(message).toContain('seed');
      expect(message!.length).toBeLessThan(400);
    }
  });

  it('renders a 10 kB value and its message in bounded lines', () => {
    const experiment = experiments.find((e) => paramFields(e).some((f: ParamField) => f.type === 'number[]' || f.type === 'integer[]'))!;
    const list = paramFields(experiment).find((f) => f.type.endsWith('[]'))!;
    const draft = { texts: { ...initialTexts(experiment), [list.name]: `1,,${'2'.repeat(10_000)}` }, seedText: '1' };
    const ui = render(<ParamForm experiment={experiment} draft={draft} onChange={() => {}} onRun={() => {}} onBack={() => {}} width={100} isFocused={false} />);
    const frame = ui.lastFrame() ?? '';
    expect(frame).toContain(`✗ ${list.name} must be a list of`);
    expect(frame).toContain('1 field to fix before running');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});
