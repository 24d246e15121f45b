// A standalone SVG of a figure (axes, ticks, bands, lines, markers, legend): the explorer's SVG/PNG export and the
// hand-in report's inline figures. Plain string building, no DOM: it runs in Node, browsers and workers alike.
import type { AlignedFigure, Cell } from './align.js';

const W = 800;
const M = { left: 80, right: 24, top: 48 };
/** The plot area's bottom edge; tick labels, the x label and the legend (two entries a row) sit below it. */
const BOTTOM = 380;
const LEGEND_TOP = BOTTOM + 58;
const LEGEND_ROW = 18;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (v: number) => (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(4))));

interface Scale {
  map(v: number): number;
  ticks: number[];
}

function scale(values: number[], log: boolean, from: number, to: number): Scale {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = log ? [1, 10] : [0, 1];
  if (log) {
    const a = Math.floor(Math.log10(lo));
    const b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
    const ticks = Array.from({ length: b - a + 1 }, (_, i) => 10 ** (a + i));
    return { map: (v) => from + ((Math.log10(v) - a) / (b - a)) * (to - from), ticks };
  }
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 5));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => (hi - lo) / s <= 6) ?? step * 10;
  const t0 = Math.floor(lo / nice) * nice;
  const t1 = Math.ceil(hi / nice) * nice;
  const ticks: number[] = [];
  for (let t = t0; t <= t1 + nice / 2; t += nice) ticks.push(Number(t.toPrecision(12)));
  return { map: (v) => from + ((v - t0) / (t1 - t0)) * (to - from), ticks };
}

const drawable = (v: Cell): v is number => typeof v === 'number';

/** The figure as an SVG document (800 user units wide, 480 high, more with a long legend; scales to its container
 * through `viewBox`). A figure with a `yExtent` (a panel of a row) covers it, so the row's panels share a y range. */
export function figureToSvg(f: AlignedFigure): string {
  const xs = f.data[0];
  const extent = (f.yExtent ?? []).filter((v) => !f.logY || v > 0);
  const ys = [...(f.data.slice(1) as Cell[][]).flat().filter(drawable), ...extent];
  const legend = f.columns.map((c) => ({ label: c.label, color: c.color, kind: c.kind, ring: false }));
  if (f.markLabel) legend.push({ label: f.markLabel, color: '#1f2328', kind: 'measured', ring: true });
  const H = LEGEND_TOP + Math.max(2, Math.ceil(legend.length / 2)) * LEGEND_ROW + 6;
  const sx = scale(xs, f.logX, M.left, W - M.right);
  const sy = scale(ys, f.logY, BOTTOM, M.top);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="28" text-anchor="middle" font-size="16" font-weight="600">${esc(f.title)}</text>`,
  ];
  for (const t of sx.ticks) {
    const x = sx.map(t).toFixed(1);
    out.push(`<line x1="${x}" x2="${x}" y1="${M.top}" y2="${BOTTOM}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${BOTTOM + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of sy.ticks) {
    const y = sy.map(t).toFixed(1);
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${BOTTOM - M.top}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${BOTTOM + 36}" text-anchor="middle">${esc(f.xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${(M.top + BOTTOM) / 2}) rotate(-90)" text-anchor="middle">${esc(f.yLabel)}</text>`);
  const pt = (i: number, v: number) => `${sx.map(xs[i]!).toFixed(1)},${sy.map(v).toFixed(1)}`;
  const dash = (kind: string) => (kind === 'theory' ? ' stroke-dasharray="6 4"' : '');
  for (const c of f.columns) {
    if (c.low !== undefined && c.high !== undefined) {
      const low = f.data[c.low]!;
      const high = f.data[c.high]!;
      const idx = xs.map((_, i) => i).filter((i) => drawable(low[i]) && drawable(high[i]));
      if (idx.length > 1) {
        const poly = [...idx.map((i) => pt(i, high[i]!)), ...idx.reverse().map((i) => pt(i, low[i]!))].join(' ');
        out.push(`<polygon points="${poly}" fill="${c.color}" fill-opacity="0.15" stroke="none"/>`);
      }
    }
    const col = f.data[c.y]!;
    // Lines break at gaps (null) and pass over x values the series has no point at (undefined), like the on-screen plot.
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) out.push(`<polyline data-series="${esc(c.label)}" points="${run.join(' ')}" fill="none" stroke="${c.color}" stroke-width="2"${dash(c.kind)}/>`);
      run = [];
    };
    col.forEach((v, i) => {
      if (v === null) flush();
      else if (v !== undefined) run.push(pt(i, v));
    });
    flush();
    if (c.kind === 'measured') {
      col.forEach((v, i) => {
        if (!drawable(v)) return;
        const [x, y] = pt(i, v).split(',');
        out.push(`<circle cx="${x}" cy="${y}" r="2.5" fill="${c.color}"/>`);
      });
    }
  }
  // Rings last, over every curve.
  for (const c of f.columns) {
    if (c.marks === undefined) continue;
    f.data[c.marks]!.forEach((v, i) => {
      if (!drawable(v)) return;
      const [x, y] = pt(i, v).split(',');
      out.push(`<circle class="mark" cx="${x}" cy="${y}" r="6" fill="none" stroke="${c.color}" stroke-width="2"/>`);
    });
  }
  legend.forEach((e, i) => {
    const y = LEGEND_TOP + Math.floor(i / 2) * LEGEND_ROW;
    const x = M.left + (i % 2) * 340;
    out.push(
      e.ring
        ? `<circle cx="${x + 12}" cy="${y}" r="6" fill="none" stroke="${e.color}" stroke-width="2"/>`
        : `<line x1="${x}" x2="${x + 24}" y1="${y}" y2="${y}" stroke="${e.color}" stroke-width="2"${dash(e.kind)}/>`,
    );
    out.push(`<text x="${x + 30}" y="${y}" dominant-baseline="middle">${esc(e.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
