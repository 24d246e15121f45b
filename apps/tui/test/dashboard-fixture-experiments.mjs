// Experiments for the dashboard's worker tests (loaded by the worker through `experimentsModule`): one that counts
// in a synchronous loop and checks for a cancel between units without ever yielding, and one that ignores cancels.
import { z } from 'zod';

const params = z.object({ units: z.number().int().min(1).max(1e9).default(1e9).describe('units of work') });
const base = { question: 'lab', title: 'fixture', summary: 'fixture', explanation: 'fixture', closedForm: 'x', params };

/** Blocks the thread for about `ms` milliseconds. */
function busy(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

export const experiments = [
  {
    ...base,
    id: 'sync-counter',
    async run(p, ctx) {
      let done = 0;
      for (let i = 0; i < p.units; i++) {
        ctx.throwIfCancelled();
        busy(5);
        done++;
        ctx.checkpoint({ values: { done }, checks: [], series: [], tables: [] });
        ctx.progress(done / p.units);
      }
      return { values: { done }, checks: [], series: [], tables: [] };
    },
  },
  {
    ...base,
    id: 'deaf',
    async run() {
      busy(60_000);
      return { values: {}, checks: [], series: [], tables: [] };
    },
  },
];
