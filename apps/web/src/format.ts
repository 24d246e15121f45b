/** Numbers for people: up to 6 significant digits, exponent form when very large or small; null as a dash. */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e7 || Math.abs(v) < 1e-4)) return v.toExponential(4);
  return String(Number(v.toPrecision(6)));
}

/** A cell of a result table. */
export function cell(v: string | number | null): string {
  return typeof v === 'number' ? fmt(v) : v === null ? '—' : v;
}
