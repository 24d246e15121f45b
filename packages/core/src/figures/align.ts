// Turns an experiment's series into figures: series sharing `plot` share one figure, their x values are merged onto
// one axis (plotting libraries such as uPlot want aligned columns), and points a log axis cannot show become gaps.
// Shared by the explorer's plots and exports and by the hand-in report's inline SVG figures.
import type { Series } from '../lab/contract.js';

/** The series of one figure (those sharing a `plot` title), before alignment. */
export interface Figure {
  title: string;
  series: Series[];
}

/** One drawn series of an aligned figure: where its values (and error band) sit in {@link AlignedFigure.data}. */
export interface Column {
  label: string;
  kind: 'measured' | 'theory';
  /** Index of the y column in `data` (1-based, 0 is x), and of the band's bounds when there is a band. */
  y: number;
  low?: number;
  high?: number;
  color: string;
}

/** A figure ready to draw: one shared, sorted x axis and one value column per series and band bound. */
export interface AlignedFigure {
  title: string;
  xLabel: string;
  yLabel: string;
  logX: boolean;
  logY: boolean;
  /** [x, ...columns]; null is a gap. */
  data: [number[], ...(number | null)[][]];
  columns: Column[];
}

/** Series colours, in order. */
export const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7d91', '#57606a'];

/** Series grouped by figure title, in order of first appearance. */
export function figuresOf(series: readonly Series[]): Figure[] {
  const byTitle = new Map<string, Series[]>();
  for (const s of series) byTitle.set(s.plot, [...(byTitle.get(s.plot) ?? []), s]);
  return [...byTitle.entries()].map(([title, list]) => ({ title, series: list }));
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
  const data: [number[], ...(number | null)[][]] = [xs];
  const columns: Column[] = [];
  const column = (s: Series, values: readonly (number | null)[] | undefined): number => {
    const col: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    s.x.forEach((x, i) => {
      const j = at.get(x);
      if (j !== undefined) col[j] = okY(values?.[i]);
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
    columns.push(c);
  });
  return { title: figure.title, xLabel: first?.xLabel ?? 'x', yLabel: first?.yLabel ?? 'y', logX, logY, data, columns };
}
