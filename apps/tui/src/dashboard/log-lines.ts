// What a finished run leaves on screen above the dashboard: its verdict and checks table (the full result, with
// plots and tables, is in the result view).
import { checkLines } from '../render/checks.js';
import { line, type Line } from '../render/lines.js';
import { formatDuration } from '@hw3/client/format';
import { paramsText, verdictLine } from '../render/result.js';
import type { LogEntry } from './use-runs.js';

export function logLines(entry: LogEntry, width: number, titleOf: (id: string) => string): Line[] {
  const { request, result, error } = entry;
  const head: Line = [{ text: `${titleOf(request.experimentId)}`, bold: true }, { text: `  seed ${request.seed} · ${formatDuration(entry.ms)}  `, dim: true }];
  if (error) {
    return [[...head, { text: `✗ ${error.message}`, color: 'red', bold: true }], []];
  }
  if (!result || entry.cancelledEmpty) return [[...head, { text: '■ cancelled before any part finished', color: 'yellow' }], []];
  return [[...head, ...verdictLine(result)], line(`  ${paramsText(result.params)}`, { dim: true }), ...checkLines(result.checks, width), []];
}
