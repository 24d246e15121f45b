// Plain-text tables for the terminal.
import { evaluateGoal, goalMatches, type Entry, type GoalResult } from './entry.js';
import type { LimitFigures, LimitKind } from './limits.js';
import type { Goal, Suite } from './suite.js';

function sig(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(decimals);
}

export function formatTime(ms: number): string {
  if (ms < 1e-3) return `${sig(ms * 1e6)} ns`;
  if (ms < 1) return `${sig(ms * 1e3)} µs`;
  if (ms < 1000) return `${sig(ms)} ms`;
  return `${sig(ms / 1000)} s`;
}

/** The paired ratio when measured (steadier under drifting load), else the ratio of medians. */
function ratioText(e: Entry): string {
  const ratio = e.ratioToLimitPaired ?? e.ratioToLimit;
  if (ratio === undefined) return '';
  const wasm = e.ratioToWasmPeak === undefined ? '' : ` (${sig(e.ratioToWasmPeak, 2)}× wasm)`;
  return `${sig(ratio, 2)}× ${e.limit}${wasm}`;
}


function goalText(goal: Goal, result: GoalResult): string {
  const target = goal.kind !== 'throughput' ? `≥ ${goal.target}×` : `≥ ${goal.target}`;
  return `${target} ${result.met ? 'met' : 'MISSED'}`;
}

/** The limits, each from its native and WASM probe; the ratios divide by the faster (marked *). */
export function limitsTable(limits: ReadonlyMap<LimitKind, LimitFigures>, load: number): string {
  const rows: string[][] = [];
  for (const l of limits.values()) {
    for (const [source, f] of [['native', l.native], ['wasm', l.wasm]] as const) {
      if (f === undefined) continue;
      rows.push([
        l.kind + (l.source === source ? ' *' : ''),
        source,
        f.label,
        `${sig(f.median)} ${l.unit}`,
        `${sig(f.best)} ${l.unit}`,
        String(f.passes),
      ]);
    }
  }
  const table = renderTable(['limit', 'probe', 'what', 'median', 'best', 'passes'], rows, 3);
  return `\nMachine limits, one core (load average ${load.toFixed(1)}) [limits]\n${table}\n` +
    '  * the limit the "× limit" columns divide by: the faster probe (native code, where a C compiler exists).\n' +
    '  read: bytes read / s; copy and update: (bytes read + bytes written) / s; peak: f32 flops / s.';
}

/** Left-aligns the first `leftColumns` columns, right-aligns the rest. */
export function renderTable(header: string[], rows: string[][], leftColumns: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function suiteTable(suite: Suite, entries: readonly Entry[]): string {
  const goals = suite.goals ?? [];
  const rows = entries.map((e) => {
    const goal = goals.find((g) => goalMatches(g, e));
    return [
      e.name,
      e.dtype ?? '-',
      String(e.size),
      e.variant,
      formatTime(e.meanMs),
      formatTime(e.medianMs),
      Number.isNaN(e.rme) ? '' : `±${sig(e.rme, 2)}%`,
      `${sig(e.throughput)} ${e.throughputUnit}`,
      ratioText(e),
      e.speedupVsJs === undefined ? '' : `${sig(e.speedupVsJs, 3)}×`,
      e.vsNumpy === undefined ? '' : `${sig(e.vsNumpy, 3)}×`,
      e.load.toFixed(1),
      goal ? goalText(goal, evaluateGoal(goal, [e])) : '',
    ];
  });
  const header = ['operation', 'dtype', 'n', 'variant', 'mean', 'median', 'rme', 'throughput', '× limit', 'vs JS', 'vs numpy', 'load', 'goal'];
  const notes = suite.notes.map((n) => `  ${n}`).join('\n');
  return `\n${suite.title} [${suite.name}]\n${renderTable(header, rows, 4)}\n${notes}`;
}

export function goalsTable(results: readonly GoalResult[]): string {
  const figure = (v: number | undefined, kind: GoalResult['kind']) =>
    v === undefined ? 'not run' : sig(v, 3) + (kind !== 'throughput' ? '×' : '');
  const rows = results.map((r) => [
    r.label,
    r.kind !== 'throughput' ? `${r.target}×` : String(r.target),
    figure(r.reachedPaired ?? r.reached, r.kind),
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
    r.reachedPaired === undefined ? '' : figure(r.reached, r.kind),
    figure(r.reachedBest, r.kind),
  ]);
  const table = renderTable(['goal', 'target', 'reached', '', 'medians', 'best samples'], rows, 1);
  const legend =
    'reached: for ratios, the median of paired ratios (one limit call right before each batch of the kernel), ' +
    'else the median throughput;\n  medians: ratio of the two medians; best samples: ratio of the two fastest samples.';
  return `\nGoals\n${table}\n  ${legend}`;
}
