// The generic result view on a real result (remat, 4a–4c, run through core), and the formatting it is built from:
// numbers, checks with error bars, log-scale plots with missing points, tables, TeX for the terminal.
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { findExperiment, runExperiment, type Check, type Series } from '@hw3/core';
import { ResultView } from '../src/dashboard/ResultView.js';
import { checkLines, errorBar } from '../src/render/checks.js';
import { plainText } from '../src/render/lines.js';
import { formatNumber } from '@hw3/client/format';
import { figureLines } from '../src/render/plot.js';
import { resultLines } from '../src/render/result.js';
import { tableLines } from '../src/render/table.js';
import { texToUnicode } from '../src/render/tex.js';
import { KEY, waitForFrame } from './dashboard-helpers.js';

const remat = findExperiment('remat')!;

describe('result view of a real remat result', async () => {
  const result = await runExperiment(remat, { layers: 12, every: 4 }, { seed: 1 });

  it('shows every part of the result (snapshot)', () => {
    const ui = render(<ResultView experiment={remat} result={result} width={100} height={500} isFocused={false} />);
    const frame = ui.lastFrame()!;
    expect(frame).toContain('seed 1   ✓ all 7 checks pass');
    expect(frame).toContain('layers=12  every=4  fwdNs=20  loadmemNs=10');
    // Values, checks with measured and expected, both figures with axes and legend, both tables.
    expect(frame).toContain('forward steps (recompute) = 18 steps');
    expect(frame).toContain('memory loads = 12 loads');
    expect(frame).toMatch(/✓ fwd = closed form\s+18\s+18 exact/);
    expect(frame).toContain('Recomputation vs checkpoint spacing');
    expect(frame).toContain('Loaddisk break-even');
    expect(frame).toContain('k (store every k-th)');
    expect(frame).toContain('━━ fwd (simulated)');
    expect(frame).toContain('━━ n(k−1)/2');
    expect(frame).toContain('Every k-th of 12 layers stored');
    expect(frame).toMatch(/recompute \(homework\)\s+18\s+12/);
    expect(frame).toContain('closed form  fwd = (n(k−1))/2'.replace('−', '-'));
    expect(frame).toMatchSnapshot();
    ui.unmount();
  });

  it('pages through a result taller than its viewport', async () => {
    const total = resultLines(result, 100, remat).length;
    const ui = render(<ResultView experiment={remat} result={result} width={100} height={20} isFocused />);
    expect(ui.lastFrame()).toContain(`lines 1–19 of ${total}`);
    expect(ui.lastFrame()!.split('\n')).toHaveLength(20);
    ui.stdin.write('j');
    await waitForFrame(ui.lastFrame, (f) => f.includes(`lines 2–20 of ${total}`), 'one line down');
    ui.stdin.write('G');
    await waitForFrame(ui.lastFrame, (f) => f.includes(`lines ${total - 18}–${total} of ${total}`), 'the end');
    ui.stdin.write(KEY.up);
    await waitForFrame(ui.lastFrame, (f) => f.includes(`lines ${total - 19}–${total - 1} of ${total}`), 'one line up');
    ui.unmount();
  });

  it('explains an experiment that has not run yet', () => {
    const ui = render(<ResultView experiment={remat} width={100} height={60} isFocused={false} />);
    expect(ui.lastFrame()).toContain('not run yet');
    expect(ui.lastFrame()).toContain('8 loadmem');
    ui.unmount();
  });
});

describe('formatting', () => {
  it('formats numbers for people', () => {
    expect(formatNumber(20)).toBe('20');
    expect(formatNumber(0.123456789)).toBe('0.12346');
    expect(formatNumber(1.5e-7)).toBe('1.5e-7');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('draws an error bar with the measurement (●) on the correct side of the closed form (┼)', () => {
    const low: Check = { name: 'low', expected: 10, measured: 8, stderr: 0.5, z: -4, zMax: 5, pass: true };
    const bar = errorBar(low);
    expect(bar.indexOf('●')).toBeLessThan(bar.indexOf('┼'));
    expect(bar).toMatch(/├.*┤/);
    const high = errorBar({ ...low, measured: 12, z: 4 });
    expect(high.indexOf('●')).toBeGreaterThan(high.indexOf('┼'));
    expect(errorBar({ ...low, stderr: undefined })).toBe('');
  });

  it('lists failing checks with ✗ and the allowed error', () => {
    const lines = checkLines(
      [
        { name: 'mean', expected: 1, measured: 1.5, stderr: 0.1, z: 5, zMax: 4, pass: false },
        { name: 'count', expected: 3, measured: 3, tolerance: 0, pass: true },
      ],
      100,
    ).map(plainText);
    expect(lines[1]).toMatch(/^✗ mean\s+1\.5\s+1 ± 0\.1 z 5\/4/);
    expect(lines[2]).toMatch(/^✓ count\s+3\s+3 exact/);
  });

  it('gives each check two lines when cut names would read the same, so rows that differ only at the end stay apart', () => {
    const grid = [16, 64].map((d2) => ({ name: `E‖Wx‖²_rms = d₁ at d₁=1024, d₂=${d2}`, expected: 1024, measured: 1020, stderr: 20, z: -0.2, zMax: 4, pass: true }));
    const lines = checkLines(grid, 80).map(plainText);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(lines.filter((l) => l.startsWith('✓ '))).toEqual(['✓ E‖Wx‖²_rms = d₁ at d₁=1024, d₂=16', '✓ E‖Wx‖²_rms = d₁ at d₁=1024, d₂=64']);
    expect(lines[3]).toMatch(/^\s+1020\s+1024 ± 20 z -0\.2\/4\s+├/);
    // Wide enough for every name: one line per check, as before.
    expect(checkLines(grid, 140).filter((l) => plainText(l).startsWith('✓'))).toHaveLength(2);
    expect(checkLines(grid, 140)).toHaveLength(3);
    // A cut name that still tells its row apart stays on one line.
    const distinct = [{ ...grid[0]!, name: `one check whose name is too long for eighty columns of terminal` }, { ...grid[1]!, name: 'short' }];
    expect(checkLines(distinct, 80)).toHaveLength(3);
  });

  it('plots a log-scale series by log10 with value ticks, and leaves missing points out', () => {
    const series: Series = {
      plot: 'Variance',
      label: 'measured',
      x: [1, 10, 100, 1000],
      y: [1, 100, null, 1e6],
      xLabel: 'N',
      yLabel: 'variance',
      logX: true,
      logY: true,
    };
    const lines = figureLines([series], 60, 6).map(plainText);
    expect(lines[0]).toBe('Variance');
    expect(lines[1]).toContain('log scale');
    // Ticks are values, not logs: 1e6 at the top, 1 at the bottom.
    expect(lines[2]).toMatch(/^\s*1e\+?6┤/);
    expect(lines[8]).toMatch(/^\s*1┤/);
    expect(lines.at(-2)).toContain('N  (log scale)');
    // The point at x = 100 is missing: nothing is drawn between x = 10 (a third of the way) and x = 1000 (the last
    // column), where the lone point is a dot at the top.
    const area = lines.slice(2, 9).map((l) => [...l.slice(10)]);
    const cols = 60 - 9 - 2;
    const drawn = new Set(area.flatMap((row) => row.flatMap((ch, i) => (ch.trim() ? [i] : []))));
    expect([...drawn].filter((c) => c > cols / 3 + 1 && c < cols - 1)).toEqual([]);
    expect(area[0]![cols - 1]).toBe('•');
  });

  it('aligns tables with numbers to the right', () => {
    const lines = tableLines({ title: 'T', columns: ['k', 'name'], rows: [[1, 'a'], [100, 'bb']] }).map(plainText);
    expect(lines).toEqual(['T', '  k  name', '───  ────', '  1  a', '100  bb']);
  });

  it('reads inline TeX in the terminal', () => {
    expect(texToUnicode('E\\|Wx\\|^2_{\\mathrm{rms}} = d_1')).toBe('E‖Wx‖²ᵣₘₛ = d₁');
    expect(texToUnicode('\\frac{k-1}{2}')).toBe('(k-1)/2');
    expect(texToUnicode('W \\in \\mathbb{R}^{d_2 \\times d_1}')).toBe('W ∈ ℝ^(d₂ × d₁)');
  });
});
