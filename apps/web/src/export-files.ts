// Downloads (JSON, CSV, SVG, PNG) built in the page; nothing leaves the browser.
import type { ExperimentResult, Table } from '@hw3/core';
import type { AlignedFigure, Cell } from './plot-data';
import { figureToSvg } from './figure-svg';

/** Saves a blob under a file name through a temporary link. */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe slug. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'figure';
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote when needed; a leading = + - @ tab or CR is prefixed so spreadsheets do not read the cell as a formula
  // (OWASP CSV injection); a plain negative number stays a number.
  const safe = /^[=+@\t\r]/.test(s) || (/^-/.test(s) && Number.isNaN(Number(s))) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableToCsv(table: Table): string {
  return `${[table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A figure's aligned columns as CSV (x, then each series and its band). */
export function figureToCsv(f: AlignedFigure): string {
  const header = [f.xLabel];
  const cols: Cell[][] = [];
  for (const c of f.columns) {
    header.push(c.label);
    cols.push(f.data[c.y]!);
    if (c.low !== undefined && c.high !== undefined) {
      header.push(`${c.label} (low)`, `${c.label} (high)`);
      cols.push(f.data[c.low]!, f.data[c.high]!);
    }
  }
  const rows = f.data[0].map((x, i) => [x, ...cols.map((c) => c[i] ?? null)]);
  return tableToCsv({ title: f.title, columns: header, rows });
}

export function resultToJson(result: ExperimentResult | object): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export function saveSvg(f: AlignedFigure): void {
  saveBlob(`${slug(f.title)}.svg`, new Blob([figureToSvg(f)], { type: 'image/svg+xml' }));
}

/** Rasterises the SVG at twice its size. */
export async function savePng(f: AlignedFigure): Promise<void> {
  const url = URL.createObjectURL(new Blob([figureToSvg(f)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth * 2;
    canvas.height = img.naturalHeight * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('PNG encoding failed');
    saveBlob(`${slug(f.title)}.png`, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
