// The lazy catalog (one import() per experiment, for browsers) must list exactly the registry's experiments, in the
// same order, and load the very same objects: a new experiment added to one list and not the other fails here.
import { describe, expect, test } from 'vitest';
import { experiments, InvalidArgumentError, loadableExperimentIds, loadExperiment } from '../src/index.js';

describe('experiment catalog', () => {
  test('lists the registry ids in registry order', () => {
    expect(loadableExperimentIds).toEqual(experiments.map((e) => e.id));
  });

  test.each(experiments.map((e) => [e.id, e] as const))('loads %s as the registry object', async (id, registered) => {
    expect(await loadExperiment(id)).toBe(registered);
  });

  test.each(['', 'nope', '4b', '__proto__', 'constructor', 'toString'])('rejects %j with a typed error naming the known ids', async (id) => {
    const error = await loadExperiment(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).param).toBe('experiment');
    expect((error as Error).message).toContain('remat');
  });
});
