// `hw3 runs list|show|diff|export|import|rm`: the runs kept in the run store (see store-access.ts for where it is).
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { diffRuns, readExportFile, toExportFile, type RunDiff, type RunSummary, type StoredRun } from '@hw3/runs';
import { clipText } from '@hw3/core';
import { UsageError } from './exit.js';
import { formatNumber } from '@hw3/client/format';
import { textTable, type Align } from '@hw3/client/table';

const renderTable = (rows: string[][], align: Align[] = []) => textTable(rows, { align, indent: '  ' });
import { resultText } from './result-text.js';
import { asStoreInput, storePath, withStore } from './store-access.js';
import { createStyle, type Style } from './style.js';

const STORE_HELP = 'run store file (default $HW3_STORE, else ~/.local/share/hw3/runs.sqlite)';

/** A run id argument: a positive integer (as `hw3 runs list` shows). */
function parseId(text: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(id) || id < 1) {
    const allowed = 'a run id: a positive integer (`hw3 runs list` shows them)';
    throw new UsageError(`<id> must be ${allowed}, got ${clipText(JSON.stringify(text), 80)}`, { code: 'INVALID_ARGUMENT', param: '<id>', value: clipText(text, 80), allowed });
  }
  return id;
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) {
    const allowed = 'a positive integer';
    throw new UsageError(`--limit must be ${allowed}, got ${clipText(JSON.stringify(text), 80)}`, { code: 'INVALID_ARGUMENT', param: '--limit', value: clipText(text, 80), allowed });
  }
  return n;
}

/** The store these options name; with storing off there is nothing to read. */
function requireStorePath(option: unknown): string {
  const path = storePath(option);
  if (path === undefined) {
    const allowed = 'a store path (--store PATH or HW3_STORE=PATH)';
    throw new UsageError(`storing is off (HW3_STORE=off): there is no run store to read; give ${allowed}`, { code: 'INVALID_ARGUMENT', param: '--store', value: 'off', allowed });
  }
  return path;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${formatNumber(ms / 1000, 3)} s`;
}

function verdict(run: RunSummary, style: Style): string {
  if (run.status === 'cancelled') return style.warn(`cancelled ${run.checksPassed}/${run.checksTotal}`);
  return run.checksPassed === run.checksTotal ? style.ok(`✓ ${run.checksPassed}/${run.checksTotal}`) : style.bad(`✗ ${run.checksTotal - run.checksPassed} failed`);
}

function listLines(runs: readonly RunSummary[], style: Style): string[] {
  if (runs.length === 0) return [style.dim('no stored runs')];
  const header = ['id', 'when', 'experiment', 'seed', 'checks', 'wall', 'code', 'params'].map((h) => style.dim(h));
  const rows = runs.map((r) => [String(r.id), r.createdAt.replace('T', ' ').slice(0, 19), r.experiment, String(r.seed), verdict(r, style), seconds(r.wallMs), r.codeVersion, clipText(JSON.stringify(r.params), 60)]);
  return renderTable([header, ...rows], ['right', 'left', 'left', 'right', 'left', 'right', 'left', 'left']);
}

function showLines(run: StoredRun, style: Style, tables: boolean): string[] {
  const m = run.machine;
  return [
    style.dim(`run #${run.id} (${run.uid}) stored ${run.createdAt}`),
    style.dim(`code ${run.codeVersion} (wasm sha256 ${run.code.wasmSha256.slice(0, 16)}…) · ${m.node ? `${m.hostname}: ${m.cores} × ${m.cpuModel}, Node ${m.node}` : `the explorer, in a browser (${m.cores} logical cores)`}`),
    style.dim(`wall ${seconds(run.wallMs)}${run.cpuMs !== null ? `, CPU ${seconds(run.cpuMs)} (this process)` : ''}`),
    '',
    ...resultText(run.result, style, tables),
  ];
}

function shown(value: unknown): string {
  return value === undefined ? '—' : clipText(typeof value === 'number' ? formatNumber(value) : JSON.stringify(value), 60);
}

function diffLines(d: RunDiff, style: Style): string[] {
  const lines = [style.bold(`run #${d.a} → run #${d.b}`)];
  const identity = [d.experiment, d.seed, d.codeVersion, ...d.params].filter((x) => x !== null);
  lines.push(identity.length === 0 ? style.dim('same experiment, parameters, seed and code') : style.bold('inputs that differ'));
  if (identity.length > 0) lines.push(...renderTable(identity.map((f) => [f!.name, shown(f!.a), '→', shown(f!.b)])));
  lines.push(style.bold(`values: ${d.equalValues} equal bit for bit, ${d.values.length} differ`));
  if (d.values.length > 0) lines.push(...renderTable(d.values.map((v) => [v.name, shown(v.a), '→', shown(v.b), v.delta === null ? '' : `Δ ${formatNumber(v.delta)}`])));
  if (d.checks.length > 0) {
    lines.push(style.bold('checks whose verdict differs'));
    const mark = (p: unknown) => (p === undefined ? '—' : p ? style.ok('✓') : style.bad('✗'));
    lines.push(...renderTable(d.checks.map((c) => [c.name, mark(c.a), '→', mark(c.b)])));
  }
  return lines;
}

function print(lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function runsCommand(): Command {
  const runs = new Command('runs').description('the runs kept in the run store: list, show, diff, export, import, rm');
  runs
    .command('list')
    .description('stored runs, newest first')
    .option('--experiment <id>', 'only this experiment’s runs')
    .option('--limit <n>', 'at most n runs', parseLimit)
    .option('--store <path>', STORE_HELP)
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (opts: { experiment?: string; limit?: number; store?: string; json?: boolean }) => {
      const list = await withStore(requireStorePath(opts.store), (s) => s.list({ ...(opts.experiment ? { experiment: opts.experiment } : {}), ...(opts.limit ? { limit: opts.limit } : {}) }));
      if (opts.json) process.stdout.write(`${JSON.stringify({ runs: list })}\n`);
      else print(listLines(list, createStyle(process.stdout)));
    });
  runs
    .command('show')
    .description('one stored run: its result, parameters, code version, machine and timings')
    .argument('<id>', 'run id (`hw3 runs list` shows them)', parseId)
    .option('--tables', 'also print the experiment’s tables')
    .option('--store <path>', STORE_HELP)
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (id: number, opts: { tables?: boolean; store?: string; json?: boolean }) => {
      const run = await withStore(requireStorePath(opts.store), (s) => s.require(id));
      if (opts.json) process.stdout.write(`${JSON.stringify(run)}\n`);
      else print(showLines(run, createStyle(process.stdout), Boolean(opts.tables)));
      process.exitCode = run.result.checks.every((c) => c.pass) ? 0 : 1;
    });
  runs
    .command('diff')
    .description('what differs between two stored runs: inputs (parameters, seed, code) and outputs (values, checks)')
    .argument('<a>', 'run id', parseId)
    .argument('<b>', 'run id', parseId)
    .option('--store <path>', STORE_HELP)
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (a: number, b: number, opts: { store?: string; json?: boolean }) => {
      const d = await withStore(requireStorePath(opts.store), (s) => diffRuns(s.require(a), s.require(b)));
      if (opts.json) process.stdout.write(`${JSON.stringify(d)}\n`);
      else print(diffLines(d, createStyle(process.stdout)));
    });
  runs
    .command('export')
    .description('write stored runs (all, or the ids given) as one JSON file that `hw3 runs import` and the explorer read')
    .argument('[ids...]', 'run ids (default: every run)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--store <path>', STORE_HELP)
    .action(async (ids: string[], opts: { out?: string; store?: string }) => {
      const wanted = ids.length > 0 ? ids.map(parseId) : undefined;
      const file = await withStore(requireStorePath(opts.store), (s) => toExportFile(s.all(wanted)));
      const text = `${JSON.stringify(file)}\n`;
      if (opts.out) {
        writeFileSync(opts.out, text);
        print([`${file.runs.length} run${file.runs.length === 1 ? '' : 's'} written to ${opts.out}`]);
      } else process.stdout.write(text);
    });
  runs
    .command('import')
    .description('store the runs of an export file (from `hw3 runs export` or the explorer); runs already here are skipped')
    .argument('<file>', 'export file (JSON)')
    .option('--store <path>', STORE_HELP)
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (path: string, opts: { store?: string; json?: boolean }) => {
      const runs = asStoreInput(() => readExportFile(path)); // before the store is opened: a bad file leaves no store behind
      const outcome = await withStore(requireStorePath(opts.store), (s) => s.saveMany(runs));
      if (opts.json) process.stdout.write(`${JSON.stringify(outcome)}\n`);
      else print([`imported ${outcome.added} run${outcome.added === 1 ? '' : 's'}${outcome.skipped ? `, ${outcome.skipped} already stored` : ''}`]);
    });
  runs
    .command('rm')
    .description('remove stored runs by id (all or nothing)')
    .argument('<ids...>', 'run ids')
    .option('--store <path>', STORE_HELP)
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (ids: string[], opts: { store?: string; json?: boolean }) => {
      const wanted = ids.map(parseId); // before the store is opened: a bad id leaves no store behind
      const removed = await withStore(requireStorePath(opts.store), (s) => s.remove(wanted));
      if (opts.json) process.stdout.write(`${JSON.stringify({ removed })}\n`);
      else print([`removed ${removed} run${removed === 1 ? '' : 's'}`]);
    });
  return runs;
}
