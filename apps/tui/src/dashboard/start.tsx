// Starts the dashboard on a terminal and resolves when the user quits; the worker thread is stopped either way.
import { render } from 'ink';
import { experiments } from '@hw3/core';
import { WorkerRunner } from '../worker/worker-runner.js';
import { App } from './App.js';
import { storingRunner } from '../worker/storing-runner.js';
import { storedRuns } from './stored-runs.js';
import { storePath } from '../cli/store-access.js';

/** Renders at most `maxFps` frames a second (progress arrives at 10 Hz, the clock ticks at 4 Hz). */
export async function startDashboard(maxFps = 15): Promise<void> {
  const runner = new WorkerRunner();
  runner.warm();
  // Every finished run is kept in the run store (HW3_STORE=off: none), as with `hw3 run`.
  const path = storePath(undefined);
  const app = path
    ? <App experiments={experiments} runner={storingRunner(runner, path, () => {})} stored={storedRuns(path)} />
    : <App experiments={experiments} runner={runner} />;
  const instance = render(app, { maxFps, exitOnCtrlC: true });
  try {
    await instance.waitUntilExit();
  } finally {
    runner.dispose();
  }
}
