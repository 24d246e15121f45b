'use client';
// One figure drawn on canvas by uPlot (fast with thousands of points), with log axes, error bands and exports.
// uPlot is loaded on demand (loadPlotting), when the first figure is drawn: the page's first load and hydration do
// not carry it, and a result's verdict, values and checks are painted before any figure is.
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import type { AlignedFigure, Cell } from '../plot-data';
import { figureToCsv, saveBlob, savePng, saveSvg, slug } from '../export-files';

const HEIGHT = 320;

// uPlot's log axes handle about a dozen decades; a figure spanning more (e.g. a variance of 1e-32 next to 1e3) is cut
// at 12 decades below its maximum, and the points below sit on the bottom edge as gaps.
const MAX_DECADES = 12;

type UPlot = typeof uPlot;
let plotting: Promise<UPlot> | undefined;
/** uPlot, loaded once (a failed load is retried by the next caller). */
function loadPlotting(): Promise<UPlot> {
  plotting ??= import('uplot').then(
    (m) => m.default,
    (error: unknown) => {
      plotting = undefined;
      throw error;
    },
  );
  return plotting;
}

function logRange(values: readonly Cell[][]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const col of values) for (const v of col) if (typeof v === 'number' && v > 0) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!Number.isFinite(lo)) return undefined;
  const top = 10 ** Math.ceil(Math.log10(hi));
  const bottom = 10 ** Math.floor(Math.log10(Math.max(lo, hi * 10 ** -MAX_DECADES)));
  return bottom < top ? [bottom, top] : [bottom / 10, top * 10];
}

/** The y range: uPlot's own, except that a panel of a row also covers the row's extent (so the panels share it). */
function yRangeOf(uplot: UPlot, f: AlignedFigure): uPlot.Scale['range'] {
  if (f.logY) return logRange([...(f.data.slice(1) as Cell[][]), f.yExtent ?? []]);
  const extent = f.yExtent;
  if (!extent) return undefined;
  return (_u, min, max) => uplot.rangeNum(Math.min(min ?? extent[0], extent[0]), Math.max(max ?? extent[1], extent[1]), 0.1, true);
}

function options(uplot: UPlot, f: AlignedFigure, width: number): uPlot.Options {
  const yRange = yRangeOf(uplot, f);
  const xRange = f.logX ? logRange([f.data[0]]) : undefined;
  const series: uPlot.Series[] = [{ label: f.xLabel }];
  const bands: uPlot.Band[] = [];
  for (const c of f.columns) {
    series[c.y] = {
      label: c.label,
      stroke: c.color,
      width: 2,
      dash: c.kind === 'theory' ? [6, 4] : undefined,
      points: { show: c.kind === 'measured', size: 5, fill: c.color },
      spanGaps: false,
    };
    if (c.low !== undefined && c.high !== undefined) {
      series[c.high] = { label: `${c.label} (high)`, stroke: 'transparent', points: { show: false } };
      series[c.low] = { label: `${c.label} (low)`, stroke: 'transparent', points: { show: false } };
      bands.push({ series: [c.high, c.low], fill: `${c.color}26` });
    }
    if (c.marks !== undefined) {
      // Rings only: no line joins the marked points.
      series[c.marks] = { label: `${c.label} (marked)`, stroke: c.color, width: 0, paths: () => null, points: { show: true, size: 13, width: 2, stroke: c.color, fill: 'transparent' } };
    }
  }
  return {
    width,
    height: HEIGHT,
    scales: {
      x: { time: false, distr: f.logX ? 3 : 1, ...(xRange ? { range: xRange } : {}) },
      y: { distr: f.logY ? 3 : 1, ...(yRange ? { range: yRange } : {}) },
    },
    axes: [
      { label: f.xLabel, grid: { stroke: '#e6e6e6' } },
      { label: f.yLabel, size: 64, grid: { stroke: '#e6e6e6' } },
    ],
    series,
    bands,
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
  };
}

export function Plot({ figure }: { figure: AlignedFigure }) {
  const box = useRef<HTMLDivElement>(null);
  const [exportError, setExportError] = useState<string | undefined>();
  const [drawError, setDrawError] = useState<string | undefined>();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let live = true;
    const draw = (uplot: UPlot) => {
      try {
        plot = new uplot(options(uplot, figure, Math.max(240, el.clientWidth)), figure.data as uPlot.AlignedData, el);
      } catch (error) {
        setDrawError(error instanceof Error ? error.message : String(error));
        return;
      }
      const drawn = plot;
      // Band bounds and rings are series to uPlot; keep them out of the legend (the band is drawn in its curve's colour,
      // the rings are named once below the plot).
      // (With a static legend uPlot leaves out the x series' row, so row i − 1 shows series i.)
      const rows = drawn.root.querySelectorAll<HTMLElement>('.u-legend .u-series');
      const offset = rows.length === figure.data.length ? 0 : 1;
      for (const c of figure.columns) {
        for (const i of [c.low, c.high, c.marks]) {
          const row = i === undefined ? undefined : rows[i - offset];
          if (row) row.style.display = 'none';
        }
      }
      // The y range drawn, for readers of the page (and the tests): the panels of a row show the same one.
      const showRange = () => {
        el.dataset.yRange = `${drawn.scales.y?.min ?? ''} ${drawn.scales.y?.max ?? ''}`;
      };
      showRange();
      observer = new ResizeObserver(() => {
        drawn.setSize({ width: Math.max(240, el.clientWidth), height: HEIGHT });
        showRange();
      });
      observer.observe(el);
    };
    // Drawn after the next paint: the result's verdict, values and checks show first, the canvas a frame later.
    let frame = requestAnimationFrame(() => {
      frame = 0;
      loadPlotting().then(
        (uplot) => live && setTimeout(() => live && draw(uplot), 0),
        (error: unknown) => live && setDrawError(`uPlot did not load: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      observer?.disconnect();
      plot?.destroy();
    };
  }, [figure]);

  const name = slug(figure.title);
  return (
    <figure className="figure">
      <figcaption>
        <h3>{figure.title}</h3>
        {/* biome-ignore lint/a11y/useSemanticElements: a row of export buttons, not a form: role=group names it without a fieldset's form semantics. */}
        <span className="export" role="group" aria-label={`Export ${figure.title}`}>
          <button type="button" onClick={() => void savePng(figure).catch((e: unknown) => setExportError(String(e)))}>PNG</button>
          <button type="button" onClick={() => saveSvg(figure)}>SVG</button>
          <button type="button" onClick={() => saveBlob(`${name}.csv`, new Blob([figureToCsv(figure)], { type: 'text/csv' }))}>CSV</button>
        </span>
      </figcaption>
      <div ref={box} className="plot" role="img" aria-label={`Plot: ${figure.title}; ${figure.yLabel} against ${figure.xLabel}${figure.logX || figure.logY ? ' (log axes)' : ''}`} />
      {figure.markLabel && (
        <p className="mark-legend">
          <span aria-hidden="true" className="ring" /> {figure.markLabel}
        </p>
      )}
      {drawError && <p role="alert" className="error">This figure could not be drawn ({drawError}); its data is in the CSV export.</p>}
      {exportError && <p role="alert" className="error">Export failed: {exportError}</p>}
    </figure>
  );
}
