#!/usr/bin/env node
// `npm start`: the HW3 Lab dashboard on a terminal; without one (piped, CI) a plain report of every experiment
// (or --json). Exit code: 0 every check passes, 1 one fails, 2 bad input (with --json an error object on stdout),
// 130 interrupted. Only light modules load before the Ctrl-C and closed-pipe handlers are in place.
import { Command, CommanderError } from 'commander';
import { wantsJson } from './cli/argv.js';
import { endQuietlyOnClosedPipe } from './cli/closed-pipe.js';
import { UsageError } from './cli/exit.js';
import { interruptBeforeWork, releaseEarlyInterrupt } from './cli/interrupt.js';

endQuietlyOnClosedPipe();
const json = wantsJson(process.argv.slice(2));
interruptBeforeWork(json);

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(seed)) {
    const allowed = 'an integer from 0 to 2^53 − 1';
    throw new UsageError(`--seed must be ${allowed}, got ${JSON.stringify(value.slice(0, 80))}`, { code: 'INVALID_ARGUMENT', param: '--seed', value: value.slice(0, 80), allowed });
  }
  return seed;
}

/** Bad input: the message on stderr, the error object on stdout with --json; exit 2. */
async function rejectInput(error: unknown, command: Command): Promise<never> {
  const { CommandLineError, toErrorReport, writeErrorReport } = await import('./cli/error-report.js');
  const report = toErrorReport(error instanceof CommanderError ? new CommandLineError(error, command) : error);
  if (!report) throw error;
  writeErrorReport(report, { json, hint: '(add --help for usage)', name: 'npm start' });
  process.exit(2);
}

const program = new Command()
  .name('npm start --')
  .description('HW3 Lab dashboard: run the homework experiments, watch progress, read verdicts and plots.')
  .option('--plain', 'print a plain report even on a terminal')
  .option('--json', 'print one JSON object (implies --plain)')
  .option('--seed <n>', 'random seed for the plain report', parseSeed, 1)
  .option('--only <experiments...>', 'plain report: only these experiments (ids or homework parts, e.g. 1a remat)')
  .option('--quick', "plain report: each experiment's quick preset, where it has one")
  .showSuggestionAfterError()
  .configureOutput({ outputError: () => {} })
  .exitOverride();
try {
  program.parse();
} catch (error) {
  if (error instanceof CommanderError && error.exitCode === 0) process.exit(0); // --help
  await rejectInput(error, program);
}
const opts = program.opts<{ plain?: boolean; json?: boolean; seed: number; only?: string[]; quick?: boolean }>();

// chalk (under Ink) ignores NO_COLOR; FORCE_COLOR=0 turns colours off before it loads.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

if (process.stdout.isTTY && process.stdin.isTTY && !opts.plain && !opts.json) {
  // Loading the kernels and experiments takes a moment; the first frame overwrites this line.
  process.stdout.write('Loading HW3 Lab…\r');
  const { startDashboard } = await import('./dashboard/start.js');
  releaseEarlyInterrupt(); // Ink reads Ctrl-C itself from here on
  await startDashboard();
} else {
  const { clipText, experiments, findExperiment, suggestExperiments } = await import('@hw3/core');
  const { knownExperiments } = await import('./cli/experiment-names.js');
  const { plainReport } = await import('./dashboard/plain-report.js');
  let chosen = experiments;
  if (opts.only) {
    const unknown = opts.only.find((key) => !findExperiment(key));
    if (unknown !== undefined) {
      const shown = clipText(unknown, 80);
      const allowed = knownExperiments();
      await rejectInput(
        new UsageError(`--only ${JSON.stringify(shown)} is not an experiment (did you mean ${suggestExperiments(shown).join(', ')}?); allowed: ${allowed}`, {
          code: 'UNKNOWN_EXPERIMENT',
          param: '--only',
          value: shown,
          allowed,
        }),
        program,
      );
    }
    chosen = [...new Set(opts.only.map((key) => findExperiment(key)!))];
  }
  const controller = new AbortController();
  releaseEarlyInterrupt();
  process.once('SIGINT', () => controller.abort());
  const { exitCode } = await plainReport({ experiments: chosen, seed: opts.seed, json: opts.json ?? false, quick: opts.quick ?? false, signal: controller.signal });
  process.exitCode = controller.signal.aborted ? 130 : exitCode;
}
