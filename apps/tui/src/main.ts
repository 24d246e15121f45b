#!/usr/bin/env node
// `npm start`: the HW3 Lab dashboard on a terminal; without one (piped, CI) the runs as plain text (or --json) of the quick
// set — about a minute — or of what --full / --only name. Exit code: 0 every check passes, 1 one fails, 2 bad input
// (with --json an error object on stdout), 130 interrupted. Only light modules load before the Ctrl-C and closed-pipe
// handlers are in place.
import { Command, CommanderError } from 'commander';
import { wantsJson } from './cli/argv.js';
import { endQuietlyOnClosedPipe } from './cli/closed-pipe.js';
import { checkSeedText } from '@hw3/client/seed';
import { UsageError } from './cli/exit.js';
import { interruptBeforeWork, releaseEarlyInterrupt } from './cli/interrupt.js';

endQuietlyOnClosedPipe();
const json = wantsJson(process.argv.slice(2));
interruptBeforeWork(json);

function parseSeed(value: string): number {
  const seed = checkSeedText(value, '--seed');
  if (!seed.ok) throw new UsageError(seed.message, { code: 'INVALID_ARGUMENT', param: '--seed', value: value.slice(0, 80), allowed: seed.allowed });
  return seed.value;
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
  .option('--plain', 'print plain text even on a terminal')
  .option('--json', 'print one JSON object (implies --plain)')
  .option('--seed <n>', 'random seed for the plain-text runs', parseSeed, 1)
  .option('--only <experiments...>', 'plain text: only these experiments (ids or homework parts, e.g. 1a remat)')
  .option('--quick', "plain text: each experiment's quick preset, where it has one")
  .option('--full', 'plain text: every experiment with its default parameters (5 minutes or more)')
  .showSuggestionAfterError()
  .configureOutput({ outputError: () => {} })
  .exitOverride();
try {
  program.parse();
} catch (error) {
  if (error instanceof CommanderError && error.exitCode === 0) process.exit(0); // --help
  await rejectInput(error, program);
}
const opts = program.opts<{ plain?: boolean; json?: boolean; seed: number; only?: string[]; quick?: boolean; full?: boolean }>();

// chalk (under Ink) ignores NO_COLOR; FORCE_COLOR=0 turns colours off before it loads.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

if (process.stdout.isTTY && process.stdin.isTTY && !opts.plain && !opts.json) {
  // Loading the kernels and experiments takes a moment; the first frame overwrites this line.
  process.stdout.write('Loading HW3 Lab…\r');
  const { startDashboard } = await import('./dashboard/start.js');
  releaseEarlyInterrupt(); // Ink reads Ctrl-C itself from here on
  await startDashboard();
} else {
  const { clipText, experiments, findExperiment, quickSet, QUICK_SET_LEAVES_OUT, suggestExperiments } = await import('@hw3/core');
  const { knownExperiments } = await import('./cli/experiment-names.js');
  const { runPlain } = await import('./dashboard/plain-runs.js');
  // Nothing named: the quick set (quick presets, the long training sweep left out), so a piped `npm start` ends in
  // about a minute; the note at the end says what was left out and how to run everything.
  const quickDefault = !opts.only && !opts.full;
  let chosen = quickDefault ? quickSet().map((run) => run.experiment) : experiments;
  const leftOut = Object.entries(QUICK_SET_LEAVES_OUT).map(([id, why]) => `${id}: ${why}`).join('; ');
  const note = quickDefault
    ? `This was the quick set (each experiment's quick preset). Left out: ${leftOut}.\n` +
      'Every experiment with its full defaults: npm start -- --full     One experiment: npm start -- --only lr-transfer'
    : undefined;
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
  if (quickDefault) process.stderr.write(`HW3 Lab, quick set: ${chosen.length} experiments, about a minute (npm start -- --full runs all ${experiments.length} with full defaults).\n`);
  const controller = new AbortController();
  releaseEarlyInterrupt();
  process.once('SIGINT', () => controller.abort());
  const { exitCode } = await runPlain({ experiments: chosen, seed: opts.seed, json: opts.json ?? false, quick: quickDefault || (opts.quick ?? false), signal: controller.signal, ...(note ? { note } : {}) });
  process.exitCode = controller.signal.aborted ? 130 : exitCode;
}
