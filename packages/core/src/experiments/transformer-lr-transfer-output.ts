// What transformer-lr-transfer reads off its cells: TP5 Figure 1's two panels (loss vs log₂ LR per width, the
// optimum per width marked, seeds as bands), the optimum's shift per parameterization with its spread over seeds,
// "wider is better", tuned SP against transferred μP, and the checks. Pure: the same (partial) results give the same
// output, so a cancelled sweep shows what finished.
import type { Check, ExperimentOutput, Series, Table } from '../lab/contract.js';
import { finiteOrNull, oneSidedCheck } from '../stats/checks.js';
import { log2Det } from '../libm/index.js';
import type { TransformerParameterizationId } from '../transformer/api.js';
import type { TransformerCellResult } from './transformer-cell.js';
import { meanStderr, SweepTable, type SweepPlan } from './transformer-sweep.js';

const LABEL: Record<TransformerParameterizationId, string> = { sp: 'SP', mup: 'μP' };
/** Standard errors allowed by the checks: 3 (a false alarm about 3 in 1000 per check with many seeds; Student-t
 * tails make it more with two or three seeds, which the calibration measures). */
const Z = 3;
/** The resolution of "stays put": one octave, what nanoGPT-mup's character-level runs show for μP at laptop scale. */
const OCTAVE = 1;

const pm = (e: { mean: number | null; stderr: number | null }, digits = 2) => (e.mean === null ? '—' : `${e.mean.toFixed(digits)}${e.stderr === null ? '' : ` ± ${e.stderr.toFixed(digits)}`}`);

/** Everything read off the (possibly partial) results. `lossFloor` is the task's floor for this window (null if unknown). */
export function transformerTransferOutput(results: readonly (TransformerCellResult | undefined)[], plan: SweepPlan, lossFloor: number | null): ExperimentOutput {
  const table = new SweepTable(plan, results);
  const { log2Lrs: lrs, seeds } = plan;
  const widths = [...plan.widths].sort((a, b) => a - b);
  const narrow = widths[0]!;
  const wide = widths.at(-1)!;
  const fullShift = -log2Det(wide / narrow);
  const pzs = plan.parameterizations;

  const shift = (pz: TransformerParameterizationId) => meanStderr(table.seedShifts(pz, narrow, wide));
  const spShift = shift('sp');
  const mupShift = shift('mup');
  // SP − μP on the same seeds: the part of SP's drift μP removes.
  const spSeeds = table.seedShiftBySeed('sp', narrow, wide);
  const muSeeds = table.seedShiftBySeed('mup', narrow, wide);
  const contrast = meanStderr(spSeeds.flatMap((x, s) => (x === null || muSeeds[s] === null ? [] : [x - muSeeds[s]!])));

  // Per-seed differences of final losses at given LR indices (paired on seeds).
  const paired = (a: number[], b: number[]) => meanStderr(a.length && a.length === b.length ? a.map((x, i) => x - b[i]!) : []);
  const tuned = (pz: TransformerParameterizationId, w: number) => table.seedLosses(pz, w, table.argminIndex(pz, w));
  const transferIndex = (pz: TransformerParameterizationId) => table.argminIndex(pz, narrow);
  const transferred = (pz: TransformerParameterizationId, w: number) => table.seedLosses(pz, w, transferIndex(pz));
  const spTunedChange = paired(tuned('sp', wide), tuned('sp', narrow));
  const mupTunedChange = paired(tuned('mup', wide), tuned('mup', narrow));
  const mupTransferredChange = paired(transferred('mup', wide), transferred('mup', narrow));
  const spTransferredChange = paired(transferred('sp', wide), transferred('sp', narrow));
  const mupVsSp = paired(transferred('mup', wide), tuned('sp', wide));
  const spVsSp = paired(transferred('sp', wide), tuned('sp', wide));

  const checks: Check[] = [];
  const range = `${narrow}→${wide}`;
  if (mupShift.mean !== null && mupShift.stderr !== null) {
    const tolerance = OCTAVE + Z * mupShift.stderr;
    checks.push({
      name: `μP’s optimum stays put (${range}): |shift| ≤ one octave + ${Z} standard errors over ${mupShift.n} seeds`,
      expected: 0,
      measured: mupShift.mean,
      tolerance,
      pass: Math.abs(mupShift.mean) <= tolerance,
      note: `per-seed optimum to a fraction of a grid step (parabola through the lowest point and its neighbours); SP’s shift ${pm(spShift)} on the same seeds`,
      alternative: { label: `SP’s law: shift −log₂(n_max/n_min) = ${fullShift}`, expected: fullShift },
    });
  }
  if (contrast.mean !== null && contrast.stderr !== null) {
    const tolerance = OCTAVE + Z * contrast.stderr;
    checks.push({
      name: `SP’s optimum moves left of μP’s by the width ratio (${range}): SP shift − μP shift = −log₂(n_max/n_min) within one octave + ${Z} standard errors`,
      expected: fullShift,
      measured: contrast.mean,
      tolerance,
      pass: Math.abs(contrast.mean - fullShift) <= tolerance,
      note: `TP5: Adam’s hidden-weight LR is 1/ñ under μP and 1 under SP, and nearly every weight of a Transformer is hidden, so SP’s best η falls like 1/n relative to μP’s; ${contrast.n} seeds`,
      alternative: { label: 'no relative shift (SP transfers like μP)', expected: 0 },
    });
  }
  if (mupTransferredChange.mean !== null && mupTransferredChange.stderr !== null) {
    checks.push({
      ...oneSidedCheck(
        `μP: wider is better at the LR tuned on width ${narrow} (loss at ${wide} − loss at ${narrow} < 0 by ${Z} standard errors)`,
        0,
        mupTransferredChange.mean,
        { side: 'at-most', bound: 0, margin: Z, stderr: mupTransferredChange.stderr },
        `one-sided: passes when measured + ${Z}·stderr ≤ 0 (paired on ${mupTransferredChange.n} seeds); SP at its transferred LR: ${pm(spTransferredChange, 3)}`,
      ),
      ...(spTransferredChange.mean !== null ? { alternative: { label: `SP run at the LR tuned on width ${narrow}`, measured: spTransferredChange.mean, ...(spTransferredChange.stderr !== null ? { stderr: spTransferredChange.stderr } : {}) } } : {}),
    });
  }
  if (mupVsSp.mean !== null && mupVsSp.stderr !== null) {
    checks.push({
      ...oneSidedCheck(
        `At width ${wide}, μP at the transferred LR is not worse than SP re-tuned there (μP − SP ≤ 0 within ${Z} standard errors)`,
        0,
        mupVsSp.mean,
        { side: 'at-most', bound: 0, margin: -Z, stderr: mupVsSp.stderr },
        `one-sided: fails only when μP is worse by more than ${Z}·stderr (paired on ${mupVsSp.n} seeds)`,
      ),
      ...(spVsSp.mean !== null ? { alternative: { label: `SP at the LR tuned on width ${narrow} in μP’s place`, measured: spVsSp.mean, ...(spVsSp.stderr !== null ? { stderr: spVsSp.stderr } : {}) } } : {}),
    });
  }

  const series: Series[] = [];
  // TP5 Figure 1's two panels, side by side on one y range; each width's lowest mean loss ringed on its own curve.
  const group = 'Figure 1: loss vs log₂ LR per width';
  for (const pz of pzs) {
    const plot = `${LABEL[pz]}: final training loss vs log₂ LR`;
    const yLabel = `training loss after ${plan.steps} steps (nats)`;
    for (const w of widths) {
      const curve = table.meanCurve(pz, w);
      const band = (k: number) => curve.map((pt) => (pt.mean === null ? null : finiteOrNull(pt.mean + k * 2 * (pt.stderr ?? 0))));
      const optimum = table.argminIndex(pz, w);
      series.push({
        plot,
        group,
        label: `width ${w}`,
        x: lrs,
        y: band(0),
        ...(seeds > 1 ? { yLow: band(-1), yHigh: band(1) } : {}),
        ...(optimum === null ? {} : { marks: [optimum], markLabel: 'argmin of each width (lowest mean loss)' }),
        xLabel: 'log₂ learning rate',
        yLabel,
        kind: 'measured',
      });
    }
    if (lossFloor !== null) series.push({ plot, group, label: 'loss floor (the source’s entropy)', x: [lrs[0]!, lrs.at(-1)!], y: [lossFloor, lossFloor], xLabel: 'log₂ learning rate', yLabel, kind: 'theory' });
  }
  const optimumPlot = 'Optimal log₂ LR vs width (mean over seeds of each seed’s optimum, ±2 standard errors)';
  const seedOptimum = (pz: TransformerParameterizationId, w: number) => meanStderr(table.seedOptima(pz, w).filter((x): x is number => x !== null));
  for (const pz of pzs) {
    const e = widths.map((w) => seedOptimum(pz, w));
    series.push({
      plot: optimumPlot,
      label: LABEL[pz],
      x: widths,
      y: e.map((x) => x.mean),
      ...(seeds > 1 ? { yLow: e.map((x) => (x.mean === null ? null : x.mean - 2 * (x.stderr ?? 0))), yHigh: e.map((x) => (x.mean === null ? null : x.mean + 2 * (x.stderr ?? 0))) } : {}),
      xLabel: 'width',
      yLabel: 'optimal log₂ LR',
      logX: true,
      kind: 'measured',
    });
  }
  const start = seedOptimum('mup', narrow).mean;
  if (start !== null) {
    series.push({ plot: optimumPlot, label: 'μP prediction (flat)', x: widths, y: widths.map(() => start), xLabel: 'width', yLabel: 'optimal log₂ LR', logX: true, kind: 'theory' });
    series.push({ plot: optimumPlot, label: 'SP if hidden weights set it (−log₂ n/n_min)', x: widths, y: widths.map((w) => start - log2Det(w / narrow)), xLabel: 'width', yLabel: 'optimal log₂ LR', logX: true, kind: 'theory' });
  }

  const seTitle = seeds > 1 ? `mean ± standard error over ${seeds} seeds` : 'one seed: no spread';
  const tables: Table[] = [
    {
      title: `Optimum per width: argmin of the mean loss on the grid, and each seed’s optimum to a fraction of a step (${seTitle})`,
      columns: ['width', ...pzs.flatMap((pz) => [`${LABEL[pz]} argmin log₂ LR`, `${LABEL[pz]} per-seed optimum`])],
      rows: widths.map((w) => [w, ...pzs.flatMap((pz) => [table.argminIndex(pz, w) === null ? null : lrs[table.argminIndex(pz, w)!]!, pm(seedOptimum(pz, w))])]),
    },
    {
      title: `Final training loss per width: each re-tuned at its own best LR, and run at the LR tuned on width ${narrow} (${seTitle})`,
      columns: ['width', 'SP tuned', 'SP transferred', 'μP tuned', 'μP transferred'],
      rows: widths.map((w) => [w, pm(meanStderr(tuned('sp', w)), 3), pm(meanStderr(transferred('sp', w)), 3), pm(meanStderr(tuned('mup', w)), 3), pm(meanStderr(transferred('mup', w)), 3)]),
    },
    {
      title: 'TP5 Figure 1 (Transformers on WikiText-2, widths 128–8192) against this run',
      columns: ['panel', 'paper', 'measured here'],
      rows: [
        ['left (SP): optimum', 'moves to smaller LR with width (≈ −10 → −16)', `shift ${pm(spShift)} octaves (${range}; −log₂ of the width ratio: ${fullShift})`],
        ['left (SP): wider is better at its best LR', 'not always: the widest models lose', `tuned loss change ${pm(spTunedChange, 3)} nats: ${spTunedChange.mean === null ? '—' : spTunedChange.mean < 0 ? 'wider is better here' : 'wider is not better here'}`],
        ['right (μP): optimum', 'stays put (≈ −10)', `shift ${pm(mupShift)} octaves`],
        ['right (μP): wider is better', 'at every LR', `at the transferred LR ${pm(mupTransferredChange, 3)} nats; tuned ${pm(mupTunedChange, 3)}`],
        ['μP transferred vs SP re-tuned', 'μP at least as good', `at width ${wide}: μP − SP = ${pm(mupVsSp, 3)} nats`],
      ],
    },
    {
      title: 'Diverged runs (NaN/∞ loss) per width and parameterization',
      columns: ['width', ...pzs.map((pz) => `${LABEL[pz]} diverged`), 'runs each'],
      rows: widths.map((w) => [w, ...pzs.map((pz) => table.meanCurve(pz, w).reduce((s, pt) => s + pt.diverged, 0)), lrs.length * seeds]),
    },
  ];
  const v = (e: { mean: number | null; stderr: number | null }) => [e.mean, e.stderr] as const;
  const [sp, spErr] = v(spShift);
  const [mu, muErr] = v(mupShift);
  const [ct, ctErr] = v(contrast);
  return {
    values: {
      spOptimumShift: sp,
      spOptimumShiftStderr: spErr,
      mupOptimumShift: mu,
      mupOptimumShiftStderr: muErr,
      shiftContrast: ct,
      shiftContrastStderr: ctErr,
      hiddenLayerShift: fullShift,
      spTunedLossChange: spTunedChange.mean,
      spTunedLossChangeStderr: spTunedChange.stderr,
      mupTunedLossChange: mupTunedChange.mean,
      mupTunedLossChangeStderr: mupTunedChange.stderr,
      mupTransferredLossChange: mupTransferredChange.mean,
      mupTransferredLossChangeStderr: mupTransferredChange.stderr,
      mupTransferredMinusSpTuned: mupVsSp.mean,
      mupTransferredMinusSpTunedStderr: mupVsSp.stderr,
      lossFloor,
      runsDone: results.filter((r) => r !== undefined).length,
      runsTotal: results.length,
    },
    checks,
    series,
    tables,
  };
}
