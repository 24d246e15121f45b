// A result's values as people read them: each value with its standard error beside it (`slopeD1 = 0.9972 ± 0.0017`),
// a `…Stderr` value that pairs with another value shown with it rather than on its own. Every renderer (CLI,
// dashboard, explorer) shows values through here, so what a value looks like is decided once.
import type { ExperimentResult } from '@hw3/core/lab';
import { formatNumber } from './format.js';

export interface ValueRow {
  /** The key in `result.values`. */
  key: string;
  /** What to call it. */
  label: string;
  value: number | null;
  stderr?: number | null;
  /** `0.9972 ± 0.0017`, or `20`. */
  text: string;
}

const STDERR = 'Stderr';

/** The values in result order, standard errors folded into the value they belong to. */
export function valueRows(values: ExperimentResult['values']): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (key.endsWith(STDERR) && Object.hasOwn(values, key.slice(0, -STDERR.length))) continue;
    const stderrKey = `${key}${STDERR}`;
    const stderr = Object.hasOwn(values, stderrKey) ? values[stderrKey] : undefined;
    // A standard error that could not be estimated (null) is left out rather than shown as '± —'.
    const text = stderr === undefined || stderr === null ? formatNumber(value) : `${formatNumber(value)} ± ${formatNumber(stderr, 2)}`;
    rows.push({ key, label: key, value, ...(stderr !== undefined ? { stderr } : {}), text });
  }
  return rows;
}
