// The experiment worker (built dist/worker): same numbers as a run on the main thread, progress, a cancel that
// reaches an experiment which never yields (shared flag) with its finished part kept, and a hard stop for an
// experiment that ignores cancels, after which the runner still works.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findExperiment, runExperiment, type ExperimentResult } from '@hw3/core';
import { WorkerRunner } from '../src/worker/worker-runner.js';
import type { RunFailure, RunRequest } from '../src/worker/runner.js';

const workerUrl = new URL('../dist/worker/experiment-worker.js', import.meta.url);
const fixtures = pathToFileURL(fileURLToPath(new URL('./dashboard-fixture-experiments.mjs', import.meta.url))).href;

type Outcome = { kind: 'done'; result: ExperimentResult } | { kind: 'cancelled'; partial?: ExperimentResult } | { kind: 'error'; error: RunFailure };

function run(runner: WorkerRunner, request: RunRequest, cancelAfterFirstProgress = false) {
  const progress: number[] = [];
  let cancel = () => {};
  const outcome = new Promise<Outcome>((resolve) => {
    const handle = runner.start(request, {
      onProgress: (f) => {
        progress.push(f);
        if (cancelAfterFirstProgress && progress.length === 1) handle.cancel();
      },
      onDone: (result) => resolve({ kind: 'done', result }),
      onCancelled: (partial) => resolve({ kind: 'cancelled', ...(partial ? { partial } : {}) }),
      onError: (error) => resolve({ kind: 'error', error }),
    });
    cancel = handle.cancel;
  });
  return { outcome, progress, cancel: () => cancel() };
}

const runners: WorkerRunner[] = [];
afterEach(() => {
  for (const r of runners.splice(0)) r.dispose();
});

describe.skipIf(!existsSync(workerUrl))('WorkerRunner (needs `npm run build` first)', () => {
  // One thread for the registry's experiments (starting one loads the kernels: seconds on a busy machine).
  const shared = new WorkerRunner({ workerUrl });
  afterAll(() => shared.dispose());

  it('returns the same result as runExperiment on the main thread, with progress', async () => {
    const runner = shared;
    const request = { experimentId: 'remat', params: { layers: 12, every: 4 }, seed: 3 };
    const { outcome, progress } = run(runner, request);
    const got = await outcome;
    const expected = await runExperiment(findExperiment('remat')!, request.params, { seed: 3 });
    expect(got).toEqual({ kind: 'done', result: expected });
    expect(progress.at(-1)).toBe(1);
  });

  it('reports bad parameters as a typed error naming the parameter', async () => {
    const runner = shared;
    const got = await run(runner, { experimentId: 'remat', params: { layers: 0 }, seed: 1 }).outcome;
    expect(got.kind).toBe('error');
    if (got.kind !== 'error') return;
    expect(got.error.name).toBe('ParamError');
    expect(got.error.param).toBe('layers');
    expect(got.error.issues?.[0]?.param).toBe('layers');
  });

  it('cancels an experiment that never yields through the shared flag, keeping its finished part', async () => {
    const runner = new WorkerRunner({ workerUrl, experimentsModule: fixtures, progressIntervalMs: 0, hardCancelMs: 10_000 });
    runners.push(runner);
    const got = await run(runner, { experimentId: 'sync-counter', params: {}, seed: 1 }, true).outcome;
    expect(got.kind).toBe('cancelled');
    if (got.kind !== 'cancelled') return;
    expect(got.partial?.status).toBe('cancelled');
    expect(got.partial?.values.done).toBeGreaterThanOrEqual(1);
  });

  it('stops an experiment that ignores the cancel by ending its thread, then runs the next one', async () => {
    const runner = new WorkerRunner({ workerUrl, experimentsModule: fixtures, hardCancelMs: 300 });
    runners.push(runner);
    const deaf = run(runner, { experimentId: 'deaf', params: {}, seed: 1 });
    setTimeout(deaf.cancel, 200);
    expect(await deaf.outcome).toEqual({ kind: 'cancelled' });
    const next = await run(runner, { experimentId: 'sync-counter', params: { units: 3 }, seed: 1 }).outcome;
    expect(next.kind).toBe('done');
    if (next.kind === 'done') expect(next.result.values.done).toBe(3);
  });
});
