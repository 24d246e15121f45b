// `npm run bench -- [options]`: measures the machine's limits (native and WASM probes), runs the selected suites —
// each case followed by its numpy twin with --vs numpy — prints a table per suite and the goals, measures the limits
// again to show how much the machine drifted, and writes every figure to results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addSpeedups, evaluateGoal, toEntry, toTwinEntry, type Entry, type GoalResult } from './entry.js';
import { formatTime, goalsTable, limitsTable, suiteTable } from './format.js';
import { LimitSet, limitsSink } from './limits.js';
import { busyWarning, machineInfo } from './machine.js';
import { measure, sinkValue } from './measure.js';
import { measureTwin, NumpyTwins, NumpyUnavailableError, type TwinMeasurement } from './numpy-twins.js';
import { parseOptions, USAGE, UsageError, type RunOptions } from './options.js';
import { suites } from './registry.js';
import type { BenchCase, Suite } from './suite.js';

const DEFAULT_OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'latest.json');

const load = () => Math.round(loadavg()[0]! * 10) / 10;

interface Context {
  options: RunOptions;
  limits: LimitSet;
  numpy: NumpyTwins | undefined;
}

function measureCase(suite: Suite, c: BenchCase, label: string, ctx: Context): Entry[] {
  process.stderr.write(`  ${label} …`);
  const start = performance.now();
  const { options, limits, numpy } = ctx;
  const overrides = options.quick ? suite.measure?.quick : suite.measure?.full;
  const settings = { ...options.measure, ...overrides };
  const pair = c.limit === undefined ? undefined : { probe: limits.probe(c.limit), rounds: options.quick ? 5 : 15 };
  let twin: TwinMeasurement | undefined;
  const withTwin =
    numpy && c.twin !== undefined && c.variant === 'wasm'
      ? (runBatch: () => void, batch: number, perCallMs: number) => {
          const rounds = Math.max(3, Math.min(options.quick ? 5 : 11, Math.floor(settings.maxCaseMs / (2 * perCallMs * batch))));
          twin = measureTwin(numpy, c.twin!, runBatch, batch, rounds, Math.max(settings.minSampleMs, perCallMs * batch), options.measure.clock);
        }
      : undefined;
  const m = measure(c, settings, pair, withTwin);
  const ours = toEntry(suite, c, m, limits.figures, load());
  const entries = [ours];
  let note = '';
  if (twin !== undefined) {
    ours.vsNumpy = twin.pairedRatio;
    ours.twin = c.twin!;
    entries.push(toTwinEntry(ours, c, twin, limits.figures, load()));
    note = `, numpy ${formatTime(twin.medianMs)} (${twin.pairedRatio.toFixed(2)}× numpy)`;
  }
  process.stderr.write(` ${formatTime(m.medianMs)} a call${note} (${formatTime(performance.now() - start)} in all)\n`);
  return entries;
}

function runSuites(ctx: Context): { entries: Entry[]; goals: GoalResult[] } {
  const entries: Entry[] = [];
  const goals: GoalResult[] = [];
  const { options } = ctx;
  for (const suite of suites.filter((s) => options.suites.includes(s.name))) {
    const cases = suite.cases({ sizes: options.sizes, quick: options.quick });
    const suiteEntries: Entry[] = [];
    for (const [i, c] of cases.entries()) {
      const label = `${suite.name} ${i + 1}/${cases.length}: ${c.name} ${c.dtype ?? ''} n=${c.size} ${c.variant}`;
      suiteEntries.push(...measureCase(suite, c, label, ctx));
    }
    addSpeedups(suiteEntries);
    console.log(suiteTable(suite, suiteEntries));
    entries.push(...suiteEntries);
    goals.push(...(suite.goals ?? []).map((g) => evaluateGoal(g, suiteEntries)));
  }
  return { entries, goals };
}

function driftLines(ctx: Context, atEnd: ReturnType<LimitSet['measure']>): string[] {
  return [...atEnd.values()].map((end) => {
    const first = ctx.limits.figures.get(end.kind)!;
    const drift = (end.median / first.median - 1) * 100;
    return (
      `${end.kind} at the end: ${end.median.toFixed(1)} ${end.unit} (${end.source}; ${drift >= 0 ? '+' : ''}${drift.toFixed(0)} % ` +
      `vs ${first.median.toFixed(1)} at the start; ratios use the start and, where paired, a pass right before each batch)`
    );
  });
}

function run(options: RunOptions): number {
  const machine = machineInfo();
  console.log(`HW3 Lab benchmarks — ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}`);
  const mode = `${options.quick ? '; quick' : ''}; clock: ${options.measure.clock}${options.vsNumpy ? '; vs numpy' : ''}`;
  console.log(`suites: ${options.suites.join(', ') || '(limits only)'}; sizes: ${options.sizes.join(', ')}${mode}`);
  const busy = busyWarning(machine);
  if (busy) console.log(busy);
  let numpy: NumpyTwins | undefined;
  if (options.vsNumpy) {
    numpy = new NumpyTwins();
    console.log(`numpy ${numpy.info.numpy} (${numpy.info.blas}), Python ${numpy.info.python}, OPENBLAS_NUM_THREADS=1`);
  }
  const limits = new LimitSet(options.measure.clock, options.native);
  const ctx: Context = { options, limits, numpy };
  try {
    const native = limits.build;
    console.log(native.ok ? `native probe: ${native.compiler}, ${native.flags.join(' ')}` : `native probe: none (${native.reason}); limits from WASM`);
    const started = performance.now();
    const rounds = options.quick ? 5 : 15;
    limits.measure(rounds);
    console.log(limitsTable(limits.figures, load()));
    const { entries, goals } = runSuites(ctx);
    if (goals.length > 0) console.log(goalsTable(goals));
    console.log('');
    const atEnd = limits.measure(rounds);
    for (const line of driftLines(ctx, atEnd)) console.log(line);
    const seconds = (performance.now() - started) / 1000;
    const out = options.out === undefined ? DEFAULT_OUT : resolve(options.out);
    mkdirSync(dirname(out), { recursive: true });
    const report = {
      machine,
      quick: options.quick,
      clock: options.measure.clock,
      sizes: options.sizes,
      suites: options.suites,
      seconds,
      nativeProbe: native.ok ? { compiler: native.compiler, flags: native.flags } : { reason: native.reason },
      numpy: numpy?.info ?? null,
      limits: Object.fromEntries(limits.figures),
      limitsAtEnd: Object.fromEntries(atEnd),
      loadAtEnd: load(),
      entries,
      goals,
    };
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\n${entries.length} cases in ${seconds.toFixed(1)} s; results written to ${out}`);
    // Reading the sinks once keeps every timed call's result observable.
    if (sinkValue() === Symbol.for('never') || limitsSink() === Symbol.for('never')) console.log('');
    return 0;
  } finally {
    limits.close();
    numpy?.close();
  }
}

function main(): number {
  let options: RunOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.list) {
    console.log(`${'limits'.padEnd(10)} The machine's limits (always measured): native and WASM probes`);
    for (const s of suites) console.log(`${s.name.padEnd(10)} ${s.title}`);
    return 0;
  }
  try {
    return run(options);
  } catch (error) {
    if (!(error instanceof NumpyUnavailableError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    return 2;
  }
}

process.exitCode = main();
