// Shared helpers for the dashboard tests: keys as a terminal sends them, and waiting for a frame.
import { z } from 'zod';
import { yieldToEventLoop, type Experiment } from '@hw3/core';

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
  tab: '\t',
};

/** Polls `frame()` until it satisfies `ok` (10 s at most); returns the frame. */
export async function waitForFrame(frame: () => string | undefined, ok: (f: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const f = frame() ?? '';
    if (ok(f)) return f;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An experiment that works in many small units (yielding between them) until cancelled: for cancel flows. */
export const slowExperiment: Experiment = {
  id: 'slow',
  question: 'lab',
  title: 'Slow counter',
  summary: 'Counts slowly so that it can be cancelled.',
  explanation: 'Counts.',
  closedForm: 'n',
  params: z.object({ units: z.number().int().min(1).max(1_000_000).default(100_000).describe('units of work') }),
  values: { done: { label: 'units counted', unit: 'units', meaning: 'Units of work finished.' } },
  cost: { unit: 'units of work', units: (p) => (p as { units: number }).units },
  async run(p, ctx) {
    let done = 0;
    for (let i = 0; i < (p as { units: number }).units; i++) {
      ctx.throwIfCancelled();
      await yieldToEventLoop();
      done++;
      ctx.checkpoint({ values: { done }, checks: [{ name: 'counted', expected: done, measured: done, tolerance: 0, pass: true }], series: [], tables: [] });
      ctx.progress(done / (p as { units: number }).units, `unit ${done}`);
    }
    return { values: { done }, checks: [], series: [], tables: [] };
  },
};
