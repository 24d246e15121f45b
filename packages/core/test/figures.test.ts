// Figures as the apps draw them: a horizontal reference line given by its two end points is a line (not two lone
// points lost among the other series' x values), panels of one group share a y range, and marked points are ringed.
import { describe, expect, it } from 'vitest';
import { alignFigure, alignRow, figureRowsOf, figureToSvg, figuresOf } from '../src/report/index.js';
import type { Series } from '../src/lab/index.js';

const lrs = [-10, -9, -8, -7, -6];
const curve = (plot: string, label: string, y: (number | null)[], extra: Partial<Series> = {}): Series => ({ plot, label, x: lrs, y, xLabel: 'log₂ LR', yLabel: 'loss', kind: 'measured', ...extra });
const floor = (plot: string, extra: Partial<Series> = {}): Series => ({ plot, label: 'floor', x: [-10, -6], y: [1.7, 1.7], xLabel: 'log₂ LR', yLabel: 'loss', kind: 'theory', ...extra });

/** The points of the polyline(s) drawn for a series, from the SVG. */
function polylines(svg: string, label: string): string[][] {
  return [...svg.matchAll(new RegExp(`<polyline data-series="${label}" points="([^"]+)"`, 'g'))].map((m) => m[1]!.split(' '));
}

const yTicks = (svg: string) => [...svg.matchAll(/text-anchor="end" dominant-baseline="middle">([^<]+)</g)].map((m) => m[1]);

describe('reference lines', () => {
  it('a series with two points keeps them joined across the x values only other series have', () => {
    const [f] = figuresOf([curve('A', 'width 32', [3, 2.5, null, 2.2, 2.4]), floor('A')]);
    const a = alignFigure(f!);
    const floorColumn = a.data[a.columns[1]!.y]!;
    expect(floorColumn).toEqual([1.7, undefined, undefined, undefined, 1.7]);
    // A missing measurement is still a gap (null), where the line breaks.
    expect(a.data[a.columns[0]!.y]![2]).toBeNull();
    const svg = figureToSvg(a);
    const line = polylines(svg, 'floor');
    expect(line, 'one line from the first x to the last').toHaveLength(1);
    expect(line[0]).toHaveLength(2);
    const [x0, y0] = line[0]![0]!.split(',').map(Number);
    const [x1, y1] = line[0]![1]!.split(',').map(Number);
    expect(y0).toBe(y1);
    expect(x1! - x0!).toBeGreaterThan(600);
    // The measured curve breaks at its gap: two pieces.
    expect(polylines(svg, 'width 32')).toHaveLength(2);
  });
});

describe('rows of panels', () => {
  const series = [
    curve('SP', 'width 32', [3, 2.5, 2.3, 2.2, 2.4], { group: 'fig1' }),
    floor('SP', { group: 'fig1' }),
    curve('alone', 'x', [0, 1, 2, 3, 4]),
    curve('μP', 'width 32', [5, 4.5, 4.2, 4.1, 4.3], { group: 'fig1' }),
  ];

  it('groups figures by `group` in order of first appearance; a figure without one is a row alone', () => {
    const rows = figureRowsOf(series);
    expect(rows.map((r) => r.figures.map((f) => f.title))).toEqual([['SP', 'μP'], ['alone']]);
    expect(rows[0]!.group).toBe('fig1');
    expect(rows[1]!.group).toBeUndefined();
  });

  it('gives every panel of a row the row’s y extent, so their axes (and SVG ticks) agree', () => {
    const [row, alone] = figureRowsOf(series).map(alignRow);
    expect(row!.map((f) => f.yExtent)).toEqual([
      [1.7, 5],
      [1.7, 5],
    ]);
    expect(alone![0]!.yExtent).toBeUndefined();
    const [sp, mup] = row!.map(figureToSvg);
    expect(yTicks(sp!)).toEqual(yTicks(mup!));
    expect(yTicks(sp!)).not.toEqual(yTicks(figureToSvg(alignFigure(figuresOf(series.slice(0, 2))[0]!))));
  });
});

describe('marks', () => {
  it('keeps only the marked points in the ring column and rings them in the SVG, named once in the legend', () => {
    const [f] = figuresOf([curve('A', 'width 32', [3, 2.5, 2.3, 2.2, 2.4], { marks: [3], markLabel: 'lowest loss' }), curve('A', 'width 64', [3, 2.4, 2.1, 2.3, 2.6], { marks: [2], markLabel: 'lowest loss' })]);
    const a = alignFigure(f!);
    expect(a.data[a.columns[0]!.marks!]).toEqual([undefined, undefined, undefined, 2.2, undefined]);
    expect(a.markLabel).toBe('lowest loss');
    const svg = figureToSvg(a);
    expect(svg.match(/class="mark"/g)).toHaveLength(2);
    expect(svg.match(/lowest loss/g)).toHaveLength(1);
  });
});
