// Every registered experiment's result, as the dashboard's result view and `hw3 run` draw it (the plain renderers
// behind both), shows each value by its label and unit — never by the raw key scripts read from the JSON.
import { describe, expect, it } from 'vitest';
import { describeValues, experiments, runExperiment, type Experiment } from '@hw3/core';
import { resultText } from '../src/cli/result-text.js';
import { createStyle } from '../src/cli/style.js';
import { plainText } from '../src/render/lines.js';
import { resultLines } from '../src/render/result.js';

/** A key written as an identifier ('slopeD1', 'var_score_mu'): what must never reach a reader. Plain words ('fwd',
 * 'trials') are the homework's own vocabulary and may appear in prose. */
const identifierKeys = (values: Record<string, unknown>) => Object.keys(values).filter((key) => /[^a-z]/.test(key));
const small = (e: Experiment) => e.presets?.smoke ?? e.presets?.quick ?? {};
const noColour = createStyle({ isTTY: false });

describe.each(experiments.map((e) => [e.id, e] as const))('%s', (_id, experiment) => {
  it('shows its values as "label = value ± error unit", no raw key', { timeout: 120_000 }, async () => {
    const result = await runExperiment(experiment, small(experiment), { seed: 2 });
    // The parameters line names parameters as the form and the flags do (d1=64, baseWidth=128): not values.
    const dashboard = resultLines(result, 120, experiment).map(plainText).filter((_, i) => i !== 2).join('\n');
    // The parameters line (the third) as above.
    const cli = resultText(result, noColour, true, { isTTY: false }).filter((_, i) => i !== 2).join('\n');
    for (const [where, text] of [['dashboard', dashboard], ['hw3 run', cli]] as const) {
      for (const key of identifierKeys(result.values)) expect(text, `${where} shows the raw key ${key}`).not.toMatch(new RegExp(`(^|[^\\w])${key}([^\\w]|$)`));
      for (const v of describeValues(experiment.values, result.values)) expect(text, `${where}: ${v.label}`).toContain(`${v.label} = `);
    }
  });
});
