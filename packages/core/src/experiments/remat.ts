// Homework problem 4 (a–c): the cost of one backward pass when every k-th activation is stored.
import { z } from 'zod';
import { simulateRemat } from '../base/remat.js';
import type { Check, ExperimentOutput } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { exactCheck } from '../stats/checks.js';
import { orderedPairs } from '../lab/schema-rules.js';
import { expDet, logDet } from '../libm/index.js';
import { rematCachedClosedForm, rematClosedForm } from '../planner/homework-closed-form.js';

const params = z.object({
  layers: z.number().int().min(1).max(100_000).default(10).describe('chain length n'),
  every: z.number().int().min(1).max(100_000).default(5).describe('store every k-th activation'),
  fwdNs: z.number().min(0).max(1e9).default(20).describe('cost of one forward step (ns)'),
  loadmemNs: z.number().min(0).max(1e9).default(10).describe('cost of one read of a stored activation (ns)'),
}).superRefine(orderedPairs([['every', 'layers', 'low']])); // simulateRemat's rule: k ≤ n

export const rematExperiment = defineExperiment({
  id: 'remat',
  question: '4a–4c',
  parts: ['4a', '4b', '4c'],
  title: 'Rematerialization: fwd and loadmem counts, and the loaddisk break-even',
  summary: 'Simulates one backward pass of an n-layer chain storing every k-th activation and counts its operations.',
  explanation:
    'The forward pass keeps the inputs and every k-th activation. In the backward pass each layer needs its ' +
    'activation: a stored one is read once (one loadmem); any other is recomputed from the nearest stored activation ' +
    'below it, which is read once (one loadmem) and pushed forward layer by layer (one fwd each).\n\n' +
    'So every layer costs exactly one loadmem — the stored checkpoints are loaded too, which is what the answer ' +
    '"8 loadmem" forgot — and a segment of k layers costs 0 + 1 + … + (k − 1) fwd. Storing every activation on disk ' +
    'instead costs n loaddisk, so disk wins when a loaddisk takes less than the remat time divided by n.\n\n' +
    'When k does not divide n, the r = n mod k layers above the last checkpoint cost 1 + … + r fwd.\n\n' +
    'One rule for every count here and in the planner: a step reads the activation it just computed for free; every ' +
    'other use of an activation held in memory — a checkpoint, the inputs, or a recomputed one kept for later — is ' +
    'one loadmem. Caching each recomputed segment (the second table) saves forward steps, not loads: the kept ' +
    'activations are read back for their backward steps, so n = 10, k = 5 makes 8 fwd and still 10 loadmem, 260 ns.',
  closedForm:
    '\\mathrm{fwd} = \\frac{n(k-1)}{2}\\ (k \\mid n),\\quad \\mathrm{loadmem} = n,\\quad ' +
    't^{*}_{\\mathrm{loaddisk}} = t_{\\mathrm{loadmem}} + t_{\\mathrm{fwd}}\\,\\frac{k-1}{2}',
  params,
  values: {
    fwd: { label: 'forward steps (recompute)', unit: 'steps', meaning: 'Forward steps re-run during the backward pass when every k-th activation is stored; closed form n(k−1)/2 when k divides n.' },
    loadmem: { label: 'memory loads', unit: 'loads', meaning: 'Reads of stored activations (loadmem): one per layer, checkpoints included.' },
    timeNs: { label: 'backward-pass overhead', unit: 'ns', meaning: 'fwd × forward cost + loadmem × load cost.' },
    breakEvenNs: { label: 'loaddisk break-even', unit: 'ns', meaning: 'The loaddisk cost below which storing every activation on disk beats rematerialization.' },
    peakActivations: { label: 'peak activations held', unit: 'activations', meaning: 'Most activations in memory at once during the backward pass.' },
    cachedFwd: { label: 'forward steps, segments cached', unit: 'steps', meaning: 'Forward steps when each recomputed segment is kept: ⌊n/k⌋(k−1) + (n mod k).' },
    cachedLoadmem: { label: 'memory loads, segments cached', unit: 'loads', meaning: 'Reads of stored or kept activations in the cached mode: still one per layer.' },
    cachedTimeNs: { label: 'backward-pass overhead, segments cached', unit: 'ns', meaning: 'Overhead of the cached mode.' },
    cachedPeakActivations: { label: 'peak activations held, segments cached', unit: 'activations', meaning: 'Most activations in memory at once in the cached mode (a whole segment is kept).' },
  },
  // Two simulations of the chain plus the figure's sweep over at most 200 spacings k, each a simulation of n layers.
  cost: { unit: 'layers simulated', units: (p) => p.layers * (2 + Math.min(p.layers, 200)) },
  async run(p, ctx): Promise<ExperimentOutput> {
    const n = p.layers;
    const k = Math.min(p.every, n);
    const main = simulateRemat({ layers: n, every: k, fwdNs: p.fwdNs, loadmemNs: p.loadmemNs });
    const cached = simulateRemat({ layers: n, every: k, fwdNs: p.fwdNs, loadmemNs: p.loadmemNs, mode: 'cache-segments' });
    const closed = rematClosedForm(n, k);
    const cachedClosed = rematCachedClosedForm(n, k);
    const checks: Check[] = [
      exactCheck('fwd = closed form', closed.fwd, main.fwd, 0, n % k === 0 ? 'n(k−1)/2' : 'q·k(k−1)/2 + r(r+1)/2'),
      exactCheck('loadmem = n', closed.loadmem, main.loadmem),
      exactCheck(
        'break-even loaddisk (ns)',
        p.loadmemNs + (p.fwdNs * closed.fwd) / n,
        main.breakEvenLoaddiskNs,
        1e-9 * Math.max(1, main.breakEvenLoaddiskNs),
        'loadmemNs + fwdNs·fwd/n',
      ),
      exactCheck('cached mode: fwd = closed form', cachedClosed.fwd, cached.fwd, 0, '⌊n/k⌋(k−1) + (n mod k)'),
      exactCheck('cached mode: loadmem = n (kept activations are read back)', cachedClosed.loadmem, cached.loadmem),
      exactCheck(
        'cached mode: time (ns)',
        cachedClosed.fwd * p.fwdNs + cachedClosed.loadmem * p.loadmemNs,
        cached.timeNs,
        1e-9 * Math.max(1, cached.timeNs),
        'fwdNs·fwd + loadmemNs·n',
      ),
    ];

    // Sweep k over 1…n (at most 200 values, spread log-uniformly) for the figure and the table.
    const ks = [...new Set(Array.from({ length: Math.min(n, 200) }, (_, i) => Math.round(expDet((logDet(n) * i) / Math.max(1, Math.min(n, 200) - 1)))))].sort(
      (a, b) => a - b,
    );
    const rows: (string | number)[][] = [];
    const fwdSeries: number[] = [];
    const breakEven: number[] = [];
    // A count, not a yes/no: how many of the sweep's k values the simulation matches the closed form at.
    let sweepMatches = 0;
    for (const [i, kk] of ks.entries()) {
      ctx.throwIfCancelled();
      const r = simulateRemat({ layers: n, every: kk, fwdNs: p.fwdNs, loadmemNs: p.loadmemNs });
      const c = rematClosedForm(n, kk);
      if (r.fwd === c.fwd && r.loadmem === c.loadmem) sweepMatches++;
      fwdSeries.push(r.fwd);
      breakEven.push(r.breakEvenLoaddiskNs);
      rows.push([kk, r.fwd, r.loadmem, r.peakActivations, r.timeNs, r.breakEvenLoaddiskNs]);
      ctx.progress((i + 1) / ks.length, `k = ${kk}`);
    }
    checks.push(exactCheck(`k values of the sweep where fwd and loadmem = closed form (of ${ks.length})`, ks.length, sweepMatches, 0, `k = ${ks.join(', ')}`));

    return {
      values: {
        fwd: main.fwd,
        loadmem: main.loadmem,
        timeNs: main.timeNs,
        breakEvenNs: main.breakEvenLoaddiskNs,
        peakActivations: main.peakActivations,
        cachedFwd: cached.fwd,
        cachedLoadmem: cached.loadmem,
        cachedTimeNs: cached.timeNs,
        cachedPeakActivations: cached.peakActivations,
      },
      checks,
      series: [
        { plot: 'Recomputation vs checkpoint spacing', label: 'fwd (simulated)', x: ks, y: fwdSeries, xLabel: 'k (store every k-th)', yLabel: 'forward steps in backward pass', kind: 'measured' },
        {
          plot: 'Recomputation vs checkpoint spacing',
          label: 'n(k−1)/2',
          x: ks,
          y: ks.map((kk) => (n * (kk - 1)) / 2),
          xLabel: 'k (store every k-th)',
          yLabel: 'forward steps in backward pass',
          kind: 'theory',
        },
        { plot: 'Loaddisk break-even', label: 'break-even loaddisk (ns)', x: ks, y: breakEven, xLabel: 'k (store every k-th)', yLabel: 'ns', kind: 'measured' },
      ],
      tables: [
        { title: `Every k-th of ${n} layers stored`, columns: ['k', 'fwd', 'loadmem', 'peak activations', 'time (ns)', 'break-even loaddisk (ns)'], rows },
        {
          title: 'Recompute every activation vs recompute each segment once',
          columns: ['mode', 'fwd', 'loadmem', 'peak activations', 'time (ns)'],
          rows: [
            ['recompute (homework)', main.fwd, main.loadmem, main.peakActivations, main.timeNs],
            ['cache segments', cached.fwd, cached.loadmem, cached.peakActivations, cached.timeNs],
          ],
        },
      ],
    };
  },
});
