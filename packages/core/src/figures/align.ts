// Turns an experiment's series into figures: series sharing `plot` share one figure, their x values are merged onto
// one axis (plotting libraries such as uPlot want aligned columns), and points a log axis cannot show become gaps.
// Figures whose series name the same `group` form a row of panels that share one y range.
// Shared by the explorer's plots and exports and by the hand-in report's inline SVG figures.
import type { Series } from '../lab/contract.js';

/** The series of one figure (those sharing a `plot` title), before alignment. */
export interface Figure {
  title: string;
  series: Series[];
}

/** Figures drawn as one row of panels (side by side where there is room); a figure with no `group` is a row alone. */
export interface FigureRow {
  /** The series' `group`, if they name one. */
  group?: string;
  figures: Figure[];
}

/** One drawn series of an aligned figure: where its values (and error band) sit in {@link AlignedFigure.data}. */
export interface Column {
  label: string;
  kind: 'measured' | 'theory';
  /** Index of the y column in `data` (1-based, 0 is x), and of the band's bounds when there is a band. */
  y: number;
  low?: number;
  high?: number;
  /** Index of the column holding only the ringed points (the series' `marks`), when it has any. */
  marks?: number;
  color: string;
}

/**
 * A value of an aligned column. `null` is a gap: the series has this x but no drawable value (diverged, not measured,
 * not positive on a log axis), and its line breaks there. `undefined`: the series has no point at this x (another
 * series of the figure does), and its line passes over it. uPlot reads the two the same way.
 */
export type Cell = number | null | undefined;

/** A figure ready to draw: one shared, sorted x axis and one value column per series and band bound. */
export interface AlignedFigure {
  title: string;
  xLabel: string;
  yLabel: string;
  logX: boolean;
  logY: boolean;
  /** [x, ...columns]. */
  data: [number[], ...Cell[][]];
  columns: Column[];
  /** What a ring means, for the legend (the first `markLabel` of the figure's series). */
  markLabel?: string;
  /** The smallest and largest drawable y of every panel in this figure's row: each panel's y axis covers them, so
   * the panels of a row share one y range. Absent for a figure alone or with nothing to draw. */
  yExtent?: [number, number];
}

/** Series colours, in order. */
export const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7d91', '#57606a'];

/** Series grouped by figure title, in order of first appearance. */
export function figuresOf(series: readonly Series[]): Figure[] {
  const byTitle = new Map<string, Series[]>();
  for (const s of series) byTitle.set(s.plot, [...(byTitle.get(s.plot) ?? []), s]);
  return [...byTitle.entries()].map(([title, list]) => ({ title, series: list }));
}

/** Figures grouped into rows by their series' `group`, in order of first appearance. */
export function figureRowsOf(series: readonly Series[]): FigureRow[] {
  const rows: FigureRow[] = [];
  const byGroup = new Map<string, FigureRow>();
  for (const figure of figuresOf(series)) {
    const group = figure.series.find((s) => s.group !== undefined)?.group;
    const row = group === undefined ? undefined : byGroup.get(group);
    if (row) row.figures.push(figure);
    else {
      const fresh: FigureRow = group === undefined ? { figures: [figure] } : { group, figures: [figure] };
      if (group !== undefined) byGroup.set(group, fresh);
      rows.push(fresh);
    }
  }
  return rows;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Aligns a figure's series on the union of their x values. */
export function alignFigure(figure: Figure): AlignedFigure {
  const first = figure.series[0];
  const logX = figure.series.some((s) => s.logX);
  const logY = figure.series.some((s) => s.logY);
  const okX = (x: number) => Number.isFinite(x) && (!logX || x > 0);
  const okY = (y: number | null | undefined): number | null => (finite(y) && (!logY || y > 0) ? y : null);
  const xs = [...new Set(figure.series.flatMap((s) => s.x.filter(okX)))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const data: [number[], ...Cell[][]] = [xs];
  const columns: Column[] = [];
  const column = (s: Series, values: readonly (number | null)[] | undefined, keep: (i: number) => boolean = () => true): number => {
    const col: Cell[] = new Array<Cell>(xs.length).fill(undefined);
    s.x.forEach((x, i) => {
      const j = at.get(x);
      if (j !== undefined && keep(i)) col[j] = okY(values?.[i]);
    });
    data.push(col);
    return data.length - 1;
  };
  figure.series.forEach((s, i) => {
    const c: Column = { label: s.label, kind: s.kind ?? 'measured', y: column(s, s.y), color: PALETTE[i % PALETTE.length]! };
    if (s.yLow && s.yHigh) {
      c.low = column(s, s.yLow);
      c.high = column(s, s.yHigh);
    }
    if (s.marks && s.marks.length > 0) {
      const marked = new Set(s.marks);
      c.marks = column(s, s.y, (k) => marked.has(k));
    }
    columns.push(c);
  });
  const markLabel = figure.series.find((s) => s.marks && s.marks.length > 0 && s.markLabel)?.markLabel;
  return { title: figure.title, xLabel: first?.xLabel ?? 'x', yLabel: first?.yLabel ?? 'y', logX, logY, data, columns, ...(markLabel ? { markLabel } : {}) };
}

/** Aligns each figure of a row; with two or more panels, each gets the row's y extent so they share one y range. */
export function alignRow(row: FigureRow): AlignedFigure[] {
  const aligned = row.figures.map(alignFigure);
  if (aligned.length < 2) return aligned;
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of aligned) {
    for (const col of f.data.slice(1) as Cell[][]) {
      for (const v of col) if (finite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  }
  if (!Number.isFinite(lo)) return aligned;
  return aligned.map((f) => ({ ...f, yExtent: [lo, hi] }));
}
