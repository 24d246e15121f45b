// `npm run bench -- [options]`: runs the selected suites (limits first), prints a table per suite and the goals, and
// writes every figure to results/latest.json. The limits are measured again at the end to show how much the machine
// drifted during the run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addSpeedups, evaluateGoal, toEntry, type Entry, type GoalResult, type Limits } from './entry.js';
import { formatTime, goalsTable, suiteTable } from './format.js';
import { busyWarning, machineInfo } from './machine.js';
import { measure, sinkValue } from './measure.js';
import { pairedSink, type LimitProbe } from './paired.js';
import { parseOptions, USAGE, UsageError, type RunOptions } from './options.js';
import { suites } from './registry.js';
import type { BenchCase, LimitKind, Suite } from './suite.js';

const DEFAULT_OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'latest.json');

/** Limit cases kept prepared, for the paired ratios. */
type Probes = Map<LimitKind, LimitProbe>;

function measureCase(suite: Suite, c: BenchCase, label: string, options: RunOptions, limits: Limits, probes?: Probes): Entry {
  process.stderr.write(`  ${label} …`);
  const start = performance.now();
  const overrides = options.quick ? suite.measure?.quick : suite.measure?.full;
  const probe = c.limit === undefined ? undefined : probes?.get(c.limit);
  const pair = probe && { probe, rounds: options.quick ? 5 : 15 };
  const m = measure(c, { ...options.measure, ...overrides }, pair);
  process.stderr.write(` ${formatTime(m.medianMs)} a call (${formatTime(performance.now() - start)} in all)\n`);
  return toEntry(suite, c, m, limits);
}

function runSuites(options: RunOptions, limits: Limits, probes: Probes): { entries: Entry[]; goals: GoalResult[] } {
  const entries: Entry[] = [];
  const goals: GoalResult[] = [];
  for (const suite of suites.filter((s) => options.suites.includes(s.name))) {
    const cases = suite.cases({ sizes: options.sizes, quick: options.quick });
    const suiteEntries: Entry[] = [];
    for (const [i, c] of cases.entries()) {
      const label = `${suite.name} ${i + 1}/${cases.length}: ${c.name} ${c.dtype ?? ''} n=${c.size} ${c.variant}`;
      const entry = measureCase(suite, c, label, options, limits, probes);
      if (c.provides !== undefined) {
        limits.set(c.provides, { median: entry.throughput, best: entry.throughputBest });
        probes.set(c.provides, { ...c.prepare(), work: c.work, perCallMs: entry.medianMs });
      }
      suiteEntries.push(entry);
    }
    addSpeedups(suiteEntries);
    console.log(suiteTable(suite, suiteEntries));
    entries.push(...suiteEntries);
    goals.push(...(suite.goals ?? []).map((g) => evaluateGoal(g, suiteEntries)));
  }
  return { entries, goals };
}

/** Measures every limit case again; returns its figures per limit and prints the drift from the first ones. */
function remeasureLimits(options: RunOptions, limits: Limits): Record<string, { median: number; best: number }> {
  const atEnd: Record<string, { median: number; best: number }> = {};
  for (const suite of suites.filter((s) => options.suites.includes(s.name))) {
    for (const c of suite.cases({ sizes: options.sizes, quick: options.quick })) {
      if (c.provides === undefined) continue;
      const entry = measureCase(suite, c, `${suite.name} (again): ${c.name}`, options, limits);
      atEnd[c.provides] = { median: entry.throughput, best: entry.throughputBest };
      const first = limits.get(c.provides)!.median;
      const drift = (entry.throughput / first - 1) * 100;
      console.log(
        `${c.provides} bandwidth at the end: ${entry.throughput.toFixed(1)} GB/s (${drift >= 0 ? '+' : ''}${drift.toFixed(0)} % ` +
          `vs ${first.toFixed(1)} at the start; ratios use the start)`,
      );
    }
  }
  return atEnd;
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
    for (const s of suites) console.log(`${s.name.padEnd(10)} ${s.title}`);
    return 0;
  }
  const machine = machineInfo();
  console.log(`HW3 Lab benchmarks — ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}`);
  const mode = `${options.quick ? '; quick' : ''}; clock: ${options.measure.clock}`;
  console.log(`suites: ${options.suites.join(', ')}; sizes: ${options.sizes.join(', ')}${mode}`);
  const busy = busyWarning(machine);
  if (busy) console.log(busy);
  const started = performance.now();
  const limits: Limits = new Map();
  const probes: Probes = new Map();
  const { entries, goals } = runSuites(options, limits, probes);
  for (const probe of probes.values()) probe.dispose();
  if (goals.length > 0) console.log(goalsTable(goals));
  console.log('');
  const limitsAtEnd = remeasureLimits(options, limits);
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
    limits: Object.fromEntries(limits),
    limitsAtEnd,
    entries,
    goals,
  };
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`\n${entries.length} cases in ${seconds.toFixed(1)} s; results written to ${out}`);
  // Reading the sink once keeps every timed call's result observable.
  if (sinkValue() === Symbol.for('never') || pairedSink() === Symbol.for('never')) console.log('');
  return 0;
}

process.exitCode = main();
