// The dashboard and the run store (a temporary file): each experiment's last stored runs under the list, `o` opens the
// newest in the result view, and a run made in the dashboard is stored (through the storing runner).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { findExperiment, runExperiment } from '@hw3/core';
import { codeVersion, machineInfo, RunStore } from '@hw3/runs';
import { App } from '../src/dashboard/App.js';
import { storedRuns } from '../src/dashboard/stored-runs.js';
import { InProcessRunner } from '../src/worker/in-process-runner.js';
import { storingRunner } from '../src/worker/storing-runner.js';
import { waitForFrame } from './dashboard-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hw3-dashboard-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => cleanup());

const remat = findExperiment('remat')!;

describe('dashboard with a run store', () => {
  it('shows the selected experiment’s stored runs and opens the newest with o', async () => {
    const path = join(dir, 'runs.sqlite');
    const result = await runExperiment(remat, { layers: 12 }, { seed: 3 });
    const store = RunStore.open(path);
    store.save({ result, code: codeVersion(), machine: machineInfo(), wallMs: 5, cpuMs: 5 });
    store.close();
    const ui = render(<App experiments={[remat]} runner={new InProcessRunner([remat], 0)} size={{ columns: 140, rows: 40 }} stored={storedRuns(path)} />);
    await waitForFrame(ui.lastFrame, (f) => /stored: #1 ✓ (\d+)\/\1 seed 3 .*\(o opens #1\)/.test(f), 'the stored run line');
    ui.stdin.write('o');
    const frame = await waitForFrame(ui.lastFrame, (f) => /seed 3/.test(f) && /layers/.test(f) && !/stored: #1/.test(f), 'the stored result');
    expect(frame).toMatch(/✓/);
  });

  it('stores a run made in the dashboard', async () => {
    const path = join(dir, 'fresh.sqlite');
    const errors: string[] = [];
    const runner = storingRunner(new InProcessRunner([remat], 0), path, (m) => errors.push(m));
    const ui = render(<App experiments={[remat]} runner={runner} size={{ columns: 140, rows: 40 }} stored={storedRuns(path)} />);
    await waitForFrame(ui.lastFrame, (f) => f.includes('stored: none yet'), 'no stored run yet');
    ui.stdin.write('\r');
    await waitForFrame(ui.lastFrame, (f) => /stored: #1 ✓/.test(f), 'the run to be stored and listed');
    expect(errors).toEqual([]);
    const store = RunStore.open(path);
    expect(store.list().map((r) => r.experiment)).toEqual(['remat']);
    store.close();
  });
});
