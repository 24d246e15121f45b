// Series as terminal line plots. asciichart draws each curve on a shared scale; we resample every curve onto the
// screen's columns (so uneven and log-spaced x work), leave out columns where a point is missing (null), and
// overlay the curves cell by cell with a colour each. Log axes plot log10 of the values; ticks show the values.
// Panels of one comparison (series with the same `group`) share a y range, and sit side by side when the terminal is
// wide enough for each to stay readable (stacked otherwise).
import { plot as asciiplot } from 'asciichart';
import { figureRowsOf, type Series } from '@hw3/core';
import { fit } from '@hw3/client/table';
import type { Color, Line, Segment } from './lines.js';
import { formatNumber } from '@hw3/client/format';

const LABEL = 9;
const MEASURED: Color[] = ['cyan', 'magenta', 'blue', 'white'];
const THEORY: Color[] = ['yellow', 'green', 'red'];

/** Columns a panel needs to be drawn beside another (its plot area is then 45 columns wide). */
const MIN_PANEL = 56;
const PANEL_GAP = 3;
const RING = '○';

/** The series grouped by figure (`plot`) and figures into rows (`group`), in order of first appearance. */
export function figureRows(series: readonly Series[]): Series[][][] {
  return figureRowsOf(series).map((row) => row.figures.map((f) => f.series));
}

/** The smallest and largest drawable y over a row's panels (bands included), for one shared y range. */
export function rowExtent(figures: readonly (readonly Series[])[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const figure of figures) {
    const logY = figure.some((s) => s.logY);
    for (const s of figure) {
      for (const v of [...s.y, ...(s.yLow ?? []), ...(s.yHigh ?? [])]) {
        if (v !== null && Number.isFinite(v) && (!logY || v > 0)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      }
    }
  }
  return Number.isFinite(lo) ? [lo, hi] : undefined;
}

/** A line cut or padded to exactly `width` columns. */
function fitLine(l: Line, width: number): Line {
  const out: Line = [];
  let left = width;
  for (const seg of l) {
    const chars = [...seg.text].slice(0, left);
    if (chars.length === 0) break;
    out.push({ ...seg, text: chars.join('') });
    left -= chars.length;
  }
  if (left > 0) out.push({ text: ' '.repeat(left) });
  return out;
}

/** Lines of a row of figures: side by side when each panel gets at least {@link MIN_PANEL} columns, stacked
 * otherwise; a row of two or more panels shares one y range either way. */
export function rowLines(figures: readonly (readonly Series[])[], width: number, height = 10): Line[] {
  const extent = figures.length > 1 ? rowExtent(figures) : undefined;
  const n = figures.length;
  const panel = Math.floor((width - PANEL_GAP * (n - 1)) / n);
  if (n < 2 || panel < MIN_PANEL) return figures.flatMap((f) => [...figureLines(f, width, height, extent), []]);
  const blocks = figures.map((f) => figureLines(f, panel, height, extent));
  const rows = Math.max(...blocks.map((b) => b.length));
  const out: Line[] = [];
  for (let r = 0; r < rows; r++) out.push(blocks.flatMap((b, k) => [...fitLine(b[r] ?? [], panel), ...(k + 1 < n ? [{ text: ' '.repeat(PANEL_GAP) }] : [])]));
  return [...out, []];
}

/** Axis ticks: 4 significant digits (4096 stays 4096), exponents from 1e5 up. */
function tick(v: number): string {
  return Math.abs(v) >= 1e5 ? v.toExponential(2).replace(/\.?0+e/, 'e') : formatNumber(v, 4);
}

interface Curve {
  label: string;
  color: Color;
  /** One value per column, NaN where there is nothing to draw. */
  columns: number[];
}

/** Samples (x, y) at each column's x by linear interpolation between neighbouring points; NaN outside the data
 * and across a missing point. A point with no drawable neighbour still lands in its nearest column. */
function resample(xs: number[], ys: (number | null)[], grid: number[]): number[] {
  const points = xs
    .map((x, i) => ({ x, y: ys[i] ?? null }))
    .filter((p): p is { x: number; y: number | null } => Number.isFinite(p.x))
    .sort((a, b) => a.x - b.x);
  const valid = (y: number | null): y is number => y !== null && Number.isFinite(y);
  const columns = grid.map((gx) => {
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      if (gx < a.x || gx > b.x) continue;
      if (!valid(a.y) || !valid(b.y)) return NaN;
      return b.x === a.x ? a.y : a.y + ((b.y - a.y) * (gx - a.x)) / (b.x - a.x);
    }
    return NaN;
  });
  const step = grid.length > 1 ? grid[1]! - grid[0]! : 1;
  for (const p of points) {
    if (!valid(p.y)) continue;
    const c = step > 0 ? Math.round((p.x - grid[0]!) / step) : 0;
    if (c >= 0 && c < columns.length && !Number.isFinite(columns[c]!)) columns[c] = p.y;
  }
  return columns;
}

/** Lines of one figure drawn `width` columns wide and `height` rows high; its y axis covers `yExtent` when given
 * (the y range a row's panels share). */
export function figureLines(figure: readonly Series[], width: number, height = 10, yExtent?: readonly [number, number]): Line[] {
  const first = figure[0]!;
  const logX = figure.some((s) => s.logX);
  const logY = figure.some((s) => s.logY);
  const tx = (v: number) => (logX ? (v > 0 ? Math.log10(v) : NaN) : v);
  const ty = (v: number | null) => (v === null ? null : logY ? (v > 0 ? Math.log10(v) : null) : v);
  const allX = figure.flatMap((s) => s.x.map(tx)).filter(Number.isFinite);
  const out: Line[] = [[{ text: first.plot, bold: true }]];
  if (allX.length === 0) return [...out, [{ text: '  (no points to draw)', dim: true }]];
  const x0 = Math.min(...allX);
  const x1 = Math.max(...allX);
  const cols = Math.max(10, width - LABEL - 2);
  const grid = Array.from({ length: cols }, (_, c) => (cols === 1 ? x0 : x0 + ((x1 - x0) * c) / (cols - 1)));

  const curves: Curve[] = [];
  let measured = 0;
  let theory = 0;
  // Error bands only where they stay readable: with many curves in one figure they would hide the curves.
  const withBands = figure.filter((s) => s.kind !== 'theory').length <= 2;
  const rings: { x: number; y: number; color: Color }[] = [];
  let ringLabel: string | undefined;
  for (const s of figure) {
    const xs = s.x.map(tx);
    const color = s.kind === 'theory' ? THEORY[theory++ % THEORY.length]! : MEASURED[measured++ % MEASURED.length]!;
    for (const i of s.marks ?? []) {
      const y = ty(s.y[i] ?? null);
      if (Number.isFinite(xs[i]) && y !== null && Number.isFinite(y)) rings.push({ x: xs[i]!, y, color });
      ringLabel ??= s.markLabel;
    }
    for (const band of withBands ? [s.yLow, s.yHigh] : []) {
      if (band) curves.push({ label: '', color: 'gray', columns: resample(xs, band.map(ty), grid) });
    }
    curves.push({ label: s.label, color, columns: resample(xs, s.y.map(ty), grid) });
  }
  // Bands first, then closed forms, measurements on top.
  const order = [...curves.filter((c) => c.label === ''), ...curves.filter((c) => c.label !== '')];

  const extent = (yExtent ?? []).map((v) => ty(v)).filter((v): v is number => v !== null);
  const drawn = order.flatMap((c) => c.columns).filter(Number.isFinite);
  if (drawn.length === 0) return [...out, [{ text: '  (every point is missing)', dim: true }]];
  const values = [...drawn, ...extent];
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
    min -= 0.5;
    max += 0.5;
  }
  const format = (v: number) => fit(tick(logY ? 10 ** v : v), LABEL, 'right');
  const rows = height + 1;
  const cells: (Segment | undefined)[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => undefined));
  let axis: string[] = [];
  for (const curve of order) {
    const valid = curve.columns.map(Number.isFinite);
    if (!valid.some(Boolean)) continue;
    // asciichart needs a number in every column: fill gaps with a neighbour, then skip the gap cells when overlaying.
    let last = curve.columns.find(Number.isFinite)!;
    const filled = curve.columns.map((v) => {
      if (Number.isFinite(v)) last = v;
      return last;
    });
    const drawn = asciiplot(filled, { min, max, height, offset: 2, format }).split('\n');
    if (axis.length === 0) axis = drawn.map((r) => r.slice(0, LABEL));
    drawn.forEach((row, r) => {
      for (let x = 0; x + 1 < cols; x++) {
        const ch = row.charAt(LABEL + 1 + x);
        if (ch === ' ' || ch === '' || !valid[x] || !valid[x + 1]) continue;
        cells[r]![x] = { text: ch, color: curve.color };
      }
      // A lone point (no neighbour on either side) is drawn as a dot.
    });
    curve.columns.forEach((v, x) => {
      if (!valid[x] || valid[x - 1] || valid[x + 1]) return;
      const r = rows - 1 - Math.round(((v - min) / (max - min)) * height);
      if (cells[r]) cells[r]![x] = { text: '•', color: curve.color };
    });
  }

  // Rings (each curve's marked points) over the curves, in the curve's colour.
  for (const ring of rings) {
    const x = x1 === x0 ? 0 : Math.round(((ring.x - x0) / (x1 - x0)) * (cols - 1));
    const r = rows - 1 - Math.round(((ring.y - min) / (max - min)) * height);
    if (cells[r] && x >= 0 && x < cols) cells[r]![x] = { text: RING, color: ring.color, bold: true };
  }

  out.push([{ text: `${first.yLabel}${logY ? '  (log scale: log10 plotted, ticks show values)' : ''}`, dim: true }]);
  cells.forEach((row, r) => {
    const l: Line = [{ text: axis[r] ?? ' '.repeat(LABEL), dim: true }, { text: '┤', dim: true }];
    for (const cell of row) {
      const prev = l[l.length - 1]!;
      const seg = cell ?? { text: ' ' };
      if (prev.color === seg.color && l.length > 2) prev.text += seg.text;
      else l.push({ ...seg });
    }
    out.push(l);
  });
  out.push([{ text: `${' '.repeat(LABEL)}└${'─'.repeat(cols)}`, dim: true }]);
  const xTick = (v: number) => tick(logX ? 10 ** v : v);
  const left = xTick(x0);
  const mid = xTick((x0 + x1) / 2);
  const right = xTick(x1);
  const gap = Math.max(1, Math.floor((cols - left.length - mid.length - right.length) / 2));
  out.push([{ text: `${' '.repeat(LABEL + 1)}${left}${' '.repeat(gap)}${mid}${' '.repeat(Math.max(1, cols - left.length - mid.length - right.length - gap))}${right}`, dim: true }]);
  const xLabel = `${first.xLabel}${logX ? '  (log scale)' : ''}`;
  out.push([{ text: `${' '.repeat(LABEL + 1 + Math.max(0, Math.floor((cols - xLabel.length) / 2)))}${xLabel}`, dim: true }]);
  // The legend, wrapped to the figure's width (an entry never splits).
  const entries: Segment[][] = [];
  for (const c of curves) {
    if (c.label === '') continue;
    const missing = c.columns.every((v) => !Number.isFinite(v));
    entries.push([{ text: '━━ ', color: c.color }, { text: `${c.label}${missing ? ' (nothing to draw)' : ''}   ` }]);
  }
  if (rings.length > 0 && ringLabel) entries.push([{ text: `${RING} `, bold: true }, { text: `${ringLabel}   ` }]);
  if (curves.some((c) => c.label === '')) entries.push([{ text: '━━ ', color: 'gray' }, { text: 'error band' }]);
  const indent = (): Line => [{ text: ' '.repeat(LABEL + 1) }];
  let legend = indent();
  let used = LABEL + 1;
  for (const entry of entries) {
    const size = entry.reduce((n, seg) => n + [...seg.text].length, 0);
    if (used + size > width && legend.length > 1) {
      out.push(legend);
      legend = indent();
      used = LABEL + 1;
    }
    legend.push(...entry);
    used += size;
  }
  out.push(legend);
  return out;
}
