// Every choice a form offers must be valid with the form's own defaults (issue 12): for EVERY registered experiment,
// each enum field is set to each of its options with the other fields at their defaults, and the run must not reject
// the combination — a dependent default (e.g. the remat budget, which follows the chain) has to adapt instead.
// Experiments whose defaults train networks for tens of seconds are only validated: the run starts at the defaults
// and is cancelled at its first progress report, by which point it has checked its parameters and built its grid,
// data and networks (a CancelledError passes, any other error fails). The rest run to completion.
import { describe, expect, it } from 'vitest';
import { CancelledError, experiments, paramFields, runExperiment } from '@hw3/core';

const LONG_AT_DEFAULTS = new Set(['lr-transfer', 'spectral', 'coord-check', 'mup-table', 'transformer-lr-transfer', 'transformer-coord-check']);

const cases = experiments.flatMap((e) =>
  paramFields(e)
    .filter((f) => f.type === 'enum')
    .flatMap((f) => f.options!.map((option) => [e.id, f.name, option] as const)),
);

describe('every choice field of every experiment is valid with the defaults', () => {
  it('finds the choice fields (the remat chain and memory model among them)', () => {
    expect(cases.length).toBeGreaterThan(0);
    expect(cases).toContainEqual(['remat-planner', 'chain', 'uneven']);
    expect(cases).toContainEqual(['remat-schedule', 'strategy', 'optimal']);
  });

  it.each(cases)('%s: %s = %s is accepted with the defaults', { timeout: 300_000 }, async (id, field, option) => {
    const experiment = experiments.find((e) => e.id === id)!;
    const params = { [field]: option };
    if (!LONG_AT_DEFAULTS.has(id)) {
      const result = await runExperiment(experiment, params, { seed: 1 });
      expect(result.status).toBe('complete');
      expect(result.params[field]).toBe(option);
      return;
    }
    const controller = new AbortController();
    const outcome = await runExperiment(experiment, params, {
      seed: 1,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: () => controller.abort(),
    }).catch((error: unknown) => error);
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(CancelledError);
    else expect((outcome as { status: string }).status).toBe('complete');
  });
});
