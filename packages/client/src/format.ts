// Numbers and durations for people, one rule everywhere (CLI, dashboard, explorer, hand-in report), so the same check
// prints the same digits: integers as they are, others to 5 significant digits, exponent form below 1e-4 and from
// 1e7 up. The rule lives in core's report module (the hand-in report is written by core and cannot import this
// package); this module is where the apps take it from.
import { formatMs, formatReportNumber } from '@hw3/core/report';

/** `0.0012346`, `1.2346e-5`, `20`; null and NaN as '—', ±∞ as ∞ and −∞. `digits` significant digits (default 5). */
export const formatNumber: (value: number | null | undefined, digits?: number) => string = formatReportNumber;

/** Milliseconds as `850 ms`, `12.3 s` or `2 min 05 s`; anything not a finite duration as '—'. */
export function formatDuration(ms: number): string {
  return Number.isFinite(ms) && ms >= 0 ? formatMs(ms) : '—';
}

/** A table cell: numbers formatted, null as '—', text as it is. */
export function cellText(value: string | number | null | undefined): string {
  return typeof value === 'number' ? formatNumber(value) : (value ?? '—');
}
