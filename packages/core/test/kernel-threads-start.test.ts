import { describe, expect, it } from 'vitest';
import { KernelThreads } from '../src/base/kernel-threads.js';

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
