// A row of panels in the terminal (figures whose series share a `group`, like TP5 Figure 1's SP and μP): side by side
// when each panel gets enough columns, stacked otherwise, on one y range either way; marked points ringed; a
// horizontal reference line given by its two end points drawn across.
import { describe, expect, it } from 'vitest';
import type { Series } from '@hw3/core';
import { figureRows, rowLines } from '../src/render/plot.js';
import { plainText } from '../src/render/lines.js';

const lrs = [-10, -9, -8, -7, -6];
const curve = (plot: string, y: number[], marks: number[]): Series => ({ plot, group: 'fig1', label: 'width 32', x: lrs, y, xLabel: 'log₂ LR', yLabel: 'loss', kind: 'measured', marks, markLabel: 'argmin of each width' });
const floor = (plot: string): Series => ({ plot, group: 'fig1', label: 'loss floor', x: [-10, -6], y: [1.7, 1.7], xLabel: 'log₂ LR', yLabel: 'loss', kind: 'theory' });
const series = [curve('SP panel', [3, 2.5, 2.3, 2.2, 2.4], [3]), floor('SP panel'), curve('μP panel', [5, 4.5, 4.2, 4.1, 4.3], [3]), floor('μP panel')];

/** The y tick labels of the plot area's rows (the text before `┤`), in the order printed. */
const ticks = (lines: string[]) => lines.filter((l) => l.includes('┤')).map((l) => l.slice(0, l.indexOf('┤')).trim());

describe('rows of panels', () => {
  it('draws the two panels side by side at 140 columns, each with the same y ticks', () => {
    const [row] = figureRows(series);
    expect(row).toHaveLength(2);
    const lines = rowLines(row!, 140, 8).map(plainText);
    expect(lines[0]).toMatch(/^SP panel\s{10,}μP panel$/);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(140);
    const plotRows = lines.filter((l) => l.includes('┤'));
    // Each row reads `<SP tick>┤<SP plot><gap><μP tick>┤<μP plot>`: the two ticks agree on every row.
    const left = plotRows.map((l) => l.split('┤')[0]!.trim());
    const right = plotRows.map((l) => l.split('┤')[1]!.slice(-9).trim());
    expect(left.filter(Boolean).length).toBeGreaterThan(2);
    expect(right).toEqual(left);
    // The floor (1.7) is the bottom of the shared range: its dashed line runs along the bottom row of both panels.
    const bottom = plotRows.at(-1)!;
    expect(bottom.split('┤')).toHaveLength(3);
    for (const part of bottom.split('┤').slice(1)) expect(part.replace(/\s+$/, '').length).toBeGreaterThan(30);
    // Each width's argmin is ringed.
    expect(lines.join('\n').match(/○/g)!.length).toBeGreaterThanOrEqual(3); // two rings and the legend's
  });

  it('stacks them at 100 columns, still on one y range', () => {
    const [row] = figureRows(series);
    const lines = rowLines(row!, 100, 8).map(plainText);
    const titles = lines.filter((l) => l === 'SP panel' || l === 'μP panel');
    expect(titles).toEqual(['SP panel', 'μP panel']);
    const all = ticks(lines);
    const perPanel = all.length / 2;
    expect(all.slice(0, perPanel)).toEqual(all.slice(perPanel));
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(100);
  });

  it('keeps a figure without a group on a row of its own, at the full width', () => {
    const rows = figureRows([...series, { plot: 'alone', label: 'x', x: [1, 2], y: [1, 2], xLabel: 'x', yLabel: 'y' }]);
    expect(rows.map((r) => r.map((f) => f[0]!.plot))).toEqual([['SP panel', 'μP panel'], ['alone']]);
  });
});
