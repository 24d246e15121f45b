// Text helpers for the hand-in report: HTML escaping and numbers at a readable precision.

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Integers as they are (below 10¹²), other numbers with `digits` significant digits; null/NaN as '—', ±∞ as ±∞. */
export function formatReportNumber(value: number | null | undefined, digits = 5): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-4)) return value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(digits)));
}

/** A parameter value as a person writes it: arrays comma-separated, strings bare, objects as JSON. */
export function formatReportValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatReportValue).join(', ');
  if (typeof value === 'number') return formatReportNumber(value, 6);
  if (typeof value === 'string') return value;
  if (value === undefined) return '—';
  return JSON.stringify(value);
}

/** Milliseconds as "850 ms", "12.3 s" or "2 min 05 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
