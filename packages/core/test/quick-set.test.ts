// The quick set (what `npm start` piped and `hw3 report` run when nothing is named): every experiment but the long
// training sweep, each from its quick preset where it has one; the full set is every experiment with its defaults.
import { describe, expect, it } from 'vitest';
import { experiments, fullSet, plannedParams, QUICK_SET_LEAVES_OUT, quickSet } from '../src/index.js';

describe('quick set', () => {
  it('leaves out exactly the experiments it names, with a reason, and keeps registry order', () => {
    const ids = quickSet().map((run) => run.experiment.id);
    expect(ids).toEqual(experiments.map((e) => e.id).filter((id) => !(id in QUICK_SET_LEAVES_OUT)));
    expect(Object.keys(QUICK_SET_LEAVES_OUT)).toEqual(['lr-transfer', 'transformer-lr-transfer']);
    for (const why of Object.values(QUICK_SET_LEAVES_OUT)) expect(why.length).toBeGreaterThan(20);
  });

  it("uses each experiment's quick preset where it has one, its defaults otherwise", () => {
    for (const run of quickSet()) {
      const quick = run.experiment.presets?.quick;
      expect(run.preset).toBe(quick ? 'quick' : undefined);
      expect(plannedParams(run)).toEqual(quick ?? {});
    }
  });

  it('the full set is every experiment with its defaults', () => {
    expect(fullSet().map((run) => [run.experiment.id, run.preset, plannedParams(run)])).toEqual(experiments.map((e) => [e.id, undefined, {}]));
  });
});
