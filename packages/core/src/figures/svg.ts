// A standalone SVG of a figure (axes, ticks, bands, lines, markers, legend): the explorer's SVG/PNG export and the
// hand-in report's inline figures. Plain string building, no DOM: it runs in Node, browsers and workers alike.
import type { AlignedFigure } from './align.js';

const W = 800;
const H = 480;
const M = { left: 80, right: 24, top: 48, bottom: 100 };

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

/** The figure as an SVG document (800 × 480 user units; scales to its container through `viewBox`). */
export function figureToSvg(f: AlignedFigure): string {
  const xs = f.data[0];
  const ys = f.data.slice(1).flat().filter((v): v is number => v !== null);
  const sx = scale(xs, f.logX, M.left, W - M.right);
  const sy = scale(ys, f.logY, H - M.bottom, M.top);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="28" text-anchor="middle" font-size="16" font-weight="600">${esc(f.title)}</text>`,
  ];
  for (const t of sx.ticks) {
    const x = sx.map(t).toFixed(1);
    out.push(`<line x1="${x}" x2="${x}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${H - M.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of sy.ticks) {
    const y = sy.map(t).toFixed(1);
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - M.bottom + 36}" text-anchor="middle">${esc(f.xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(f.yLabel)}</text>`);
  const pt = (i: number, v: number) => `${sx.map(xs[i]!).toFixed(1)},${sy.map(v).toFixed(1)}`;
  for (const c of f.columns) {
    if (c.low !== undefined && c.high !== undefined) {
      const low = f.data[c.low]!;
      const high = f.data[c.high]!;
      const idx = xs.map((_, i) => i).filter((i) => low[i] != null && high[i] != null);
      if (idx.length > 1) {
        const poly = [...idx.map((i) => pt(i, high[i]!)), ...idx.reverse().map((i) => pt(i, low[i]!))].join(' ');
        out.push(`<polygon points="${poly}" fill="${c.color}" fill-opacity="0.15" stroke="none"/>`);
      }
    }
    const col = f.data[c.y]!;
    // Lines break at gaps (null), like the on-screen plot.
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) out.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${c.color}" stroke-width="2"${c.kind === 'theory' ? ' stroke-dasharray="6 4"' : ''}/>`);
      run = [];
    };
    col.forEach((v, i) => (v === null ? flush() : run.push(pt(i, v))));
    flush();
    if (c.kind === 'measured') {
      col.forEach((v, i) => {
        if (v === null) return;
        const [x, y] = pt(i, v).split(',');
        out.push(`<circle cx="${x}" cy="${y}" r="2.5" fill="${c.color}"/>`);
      });
    }
  }
  f.columns.forEach((c, i) => {
    const y = H - M.bottom + 58 + Math.floor(i / 2) * 18;
    const x = M.left + (i % 2) * 340;
    out.push(`<line x1="${x}" x2="${x + 24}" y1="${y}" y2="${y}" stroke="${c.color}" stroke-width="2"${c.kind === 'theory' ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${x + 30}" y="${y}" dominant-baseline="middle">${esc(c.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
