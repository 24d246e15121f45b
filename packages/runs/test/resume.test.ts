// Sweep resume on a real store: interrupt lr-transfer (smoke preset: 54 training runs on the synthetic task) after a
// few cells, rerun with the same store, and compare with an uninterrupted run without any store, bit for bit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError, getExperiment, runExperiment, type CellCache } from '@hw3/core';
import { canonicalJson, codeVersion, RunStore, storeCellCache } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'hw3-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const experiment = getExperiment('lr-transfer');
const params = { ...experiment.presets!.smoke, workers: 1 };

/** The store's cache, counting what the sweep asks of it. */
function counted(cache: CellCache) {
  const counts = { hits: 0, puts: 0 };
  return {
    counts,
    cache: {
      get: (e: string, c: unknown) => {
        const r = cache.get(e, c);
        if (r !== undefined) counts.hits++;
        return r;
      },
      put: (e: string, c: unknown, r: unknown) => {
        counts.puts++;
        return cache.put(e, c, r);
      },
    } satisfies CellCache,
  };
}

describe('an interrupted sweep resumes from its stored cells', { timeout: 300_000 }, () => {
  it('loses only the cells in flight; the rerun computes only the missing ones; same result bit for bit', async () => {
    const uninterrupted = await runExperiment(experiment, params, { seed: 5 });
    const total = 54;

    const store = RunStore.open(join(dir, 'runs.sqlite'));
    const first = counted(storeCellCache(store, codeVersion()));
    const controller = new AbortController();
    const interrupted = await runExperiment(experiment, params, {
      seed: 5,
      signal: controller.signal,
      cells: { cache: first.cache },
      onProgress: (p) => {
        if (/^(\d+)\//.exec(p.message ?? '') && Number(/^(\d+)\//.exec(p.message!)![1]) >= 7) controller.abort();
      },
      progressIntervalMs: 0,
    }).catch((error: unknown) => error);
    expect(interrupted).toBeInstanceOf(CancelledError);
    const kept = first.counts.puts;
    expect(kept).toBeGreaterThanOrEqual(7);
    expect(kept).toBeLessThan(total);

    const second = counted(storeCellCache(store, codeVersion()));
    const resumed = await runExperiment(experiment, params, { seed: 5, cells: { cache: second.cache } });
    expect(second.counts.hits).toBe(kept);
    expect(second.counts.puts).toBe(total - kept);
    expect(canonicalJson(resumed)).toBe(canonicalJson(uninterrupted));
    expect(resumed).toStrictEqual(uninterrupted);

    // A third run is served entirely from the store.
    const third = counted(storeCellCache(store, codeVersion()));
    expect(canonicalJson(await runExperiment(experiment, params, { seed: 5, cells: { cache: third.cache } }))).toBe(canonicalJson(uninterrupted));
    expect(third.counts).toEqual({ hits: total, puts: 0 });
    store.close();
  });

  it('never serves a cell computed by another code version', async () => {
    const store = RunStore.open(join(dir, 'versions.sqlite'));
    const mine = storeCellCache(store, codeVersion());
    const cell = { width: 32, seed: 1 };
    mine.put('lr-transfer', cell, { loss: 1 });
    expect(mine.get('lr-transfer', { seed: 1, width: 32 })).toEqual({ loss: 1 });
    const other = storeCellCache(store, { ...codeVersion(), id: '0.0.0+0000000000000000' });
    expect(other.get('lr-transfer', cell)).toBeUndefined();
    store.close();
  });
});
