import { describe, expect, it } from 'vitest';
import { closeKernelThreads, KernelThreads, kernelThreads, kernelThreadsSupport, startKernelThreads } from '../src/base/kernel-threads.js';
import { lrTransferExperiment } from '../src/experiments/lr-transfer.js';
import { runExperiment } from '../src/lab/run.js';

describe('a kernel thread that just started', () => {
  it('runs the first call posted the moment it says ready (10 fresh teams in a row, none hangs)', async () => {
    const [rows, cols] = [512, 512];
    for (let i = 0; i < 10; i++) {
      const team = new KernelThreads();
      const w = team.alloc('w', rows * cols * 4);
      const x = team.alloc('x', cols * 4);
      const y = team.alloc('y', rows * 4);
      new Float32Array(team.kernels.memory.buffer, w, rows * cols).fill(1);
      new Float32Array(team.kernels.memory.buffer, x, cols).fill(2);
      team.matvec('f32', w, x, y, rows, cols);
      const out = new Float32Array(team.kernels.memory.buffer, y, rows);
      expect([out[0], out[rows - 1]]).toEqual([2 * cols, 2 * cols]);
      await team.close();
    }
  });
});

describe('this realm’s kernel threads, whatever the host', () => {
  it('Node can run them; startKernelThreads resolves with the team kernelThreads() uses, and close ends it', async () => {
    expect(kernelThreadsSupport()).toEqual({ available: true });
    const team = await startKernelThreads();
    expect(kernelThreads()).toBe(team);
    await team.ready();
    await closeKernelThreads();
    expect(team.closed).toBe(true);
  });

  it('lr-transfer with threads 2 gives threads 1’s numbers, and records the threads of each run', async () => {
    const smoke = { ...lrTransferExperiment.presets!.smoke! };
    const [one, two] = await Promise.all([1, 2].map((threads) => runExperiment(lrTransferExperiment, { ...smoke, threads }, { seed: 3 })));
    expect([one!.values.threadsPerRun, two!.values.threadsPerRun]).toEqual([1, 2]);
    const numbers = ({ values: { threadsPerRun: _, ...values }, checks, series, tables }: typeof one & {}) => JSON.stringify({ values, checks, series, tables });
    expect(numbers(two!)).toBe(numbers(one!));
  }, 120_000);
});
