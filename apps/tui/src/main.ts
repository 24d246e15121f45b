#!/usr/bin/env node
// `npm start`: the HW3 Lab dashboard on a terminal; without one (piped, CI) a plain report of every experiment
// (or --json). Exit code: 0 every check passes, 1 one fails, 2 bad input.
import { Command, InvalidArgumentError } from 'commander';

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError(`--seed must be an integer from 0 to 2^53 − 1, got ${JSON.stringify(value)}`);
  }
  return seed;
}

const program = new Command()
  .name('npm start --')
  .description('HW3 Lab dashboard: run the homework experiments, watch progress, read verdicts and plots.')
  .option('--plain', 'print a plain report even on a terminal')
  .option('--json', 'print one JSON object (implies --plain)')
  .option('--seed <n>', 'random seed for the plain report', parseSeed, 1)
  .option('--only <experiments...>', 'plain report: only these experiments (ids or homework parts, e.g. 1a remat)')
  .option('--quick', "plain report: each experiment's quick preset, where it has one")
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .parse();
const opts = program.opts<{ plain?: boolean; json?: boolean; seed: number; only?: string[]; quick?: boolean }>();

// chalk (under Ink) ignores NO_COLOR; FORCE_COLOR=0 turns colours off before it loads.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

if (process.stdout.isTTY && process.stdin.isTTY && !opts.plain && !opts.json) {
  // Loading the kernels and experiments takes a moment; the first frame overwrites this line.
  process.stdout.write('Loading HW3 Lab…\r');
  const { startDashboard } = await import('./dashboard/start.js');
  await startDashboard();
} else {
  const { experiments, getExperiment } = await import('@hw3/core');
  const { plainReport } = await import('./dashboard/plain-report.js');
  let chosen = experiments;
  try {
    if (opts.only) chosen = [...new Set(opts.only.map((key) => getExperiment(key)))];
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const { exitCode } = await plainReport({ experiments: chosen, seed: opts.seed, json: opts.json ?? false, quick: opts.quick ?? false, signal: controller.signal });
  process.exitCode = controller.signal.aborted ? 130 : exitCode;
}
