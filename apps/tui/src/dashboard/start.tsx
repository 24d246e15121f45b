// Starts the dashboard on a terminal and resolves when the user quits; the worker thread is stopped either way.
import { render } from 'ink';
import { experiments } from '@hw3/core';
import { WorkerRunner } from '../worker/worker-runner.js';
import { App } from './App.js';

/** Renders at most `maxFps` frames a second (progress arrives at 10 Hz, the clock ticks at 4 Hz). */
export async function startDashboard(maxFps = 15): Promise<void> {
  const runner = new WorkerRunner();
  runner.warm();
  const instance = render(<App experiments={experiments} runner={runner} />, { maxFps, exitOnCtrlC: true });
  try {
    await instance.waitUntilExit();
  } finally {
    runner.dispose();
  }
}
