// The hw3 command: subcommands, and the mapping of every failure to an exit code and a message on stderr (with
// --json also an error object on stdout).
import { Command } from 'commander';
import { CancelledError, claimQuestions } from '@hw3/core';
import { calibrateCommand } from './calibrate-command.js';
import { checkCommand } from './check-command.js';
import { wantsJson } from './argv.js';
import { doctorCommand } from './doctor-command.js';
import { CommandLineError, reportCommanderErrors, toErrorReport, writeErrorReport, type AllowedForArgument } from './error-report.js';
import { knownExperiments } from './experiment-names.js';
import { EXIT } from './exit.js';
import { cancelledBeforeResult } from './interrupt.js';
import { listCommand } from './list-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { runsCommand } from './runs-command.js';
import { workerCommand } from './worker-command.js';
import { createStyle } from './style.js';

export function createProgram(args: readonly string[]): Command {
  const program = new Command()
    .name('hw3')
    .description('HW3 Lab: μP, gradient estimators and rematerialization — every homework answer measured and checked.')
    .version('0.1.0')
    .showSuggestionAfterError()
    // main() writes every error itself (stderr, and an error object with --json).
    .configureOutput({ outputError: () => {} })
    .addHelpText(
      'after',
      '\nExit codes: 0 all checks pass / claim consistent, 1 a check fails / claim refuted, 2 bad input, 130 interrupted.\n' +
        'Examples:\n  hw3 list\n  hw3 run 1b --json\n  hw3 run rms-at-init --preset quick --seed 7\n  hw3 check 1b "d1*(1-2/pi+2*d1/pi)"\n  hw3 report --out hw3-report.html',
    );
  reportCommanderErrors(program);
  for (const command of [listCommand(), runCommand(args), runsCommand(), workerCommand(), checkCommand(), reportCommand(), calibrateCommand(), doctorCommand()]) {
    command.copyInheritedSettings(program);
    reportCommanderErrors(command);
    for (const sub of command.commands) {
      sub.copyInheritedSettings(command);
      reportCommanderErrors(sub);
    }
    program.addCommand(command);
  }
  return program;
}

/** What the arguments accept, for "missing required argument" messages. */
const allowedFor: AllowedForArgument = (_command, argument) => {
  if (argument === 'experiment') return knownExperiments();
  if (argument === 'question') return `a homework question: ${claimQuestions().map((q) => q.question).join(', ')}`;
  return undefined;
};

/** Runs the command line and returns the exit code (messages already written). */
export async function main(argv: readonly string[]): Promise<number> {
  const args = argv.slice(2);
  const json = wantsJson(args);
  const program = createProgram(args);
  try {
    if (args.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommandLineError && error.commanderError.exitCode === 0) return EXIT.ok; // --help, --version
    if (error instanceof CancelledError) {
      cancelledBeforeResult(json);
      return EXIT.interrupted;
    }
    const word = args.find((a) => !a.startsWith('-'));
    const command = program.commands.find((c) => c.name() === word);
    const report = toErrorReport(error, allowedFor, command);
    if (report) {
      const hint = error instanceof CommandLineError ? '(add --help for usage)' : undefined;
      writeErrorReport(report, { json, ...(hint ? { hint } : {}), paint: createStyle(process.stderr).bad });
      return EXIT.usage;
    }
    // A bug, not bad input: the stack trace helps whoever fixes it.
    process.stderr.write(`hw3: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) } })}\n`);
    return 70;
  }
}
