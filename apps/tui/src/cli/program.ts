// The hw3 command: subcommands, and the mapping of every failure to an exit code and a message on stderr.
import { Command, CommanderError } from 'commander';
import { Hw3Error } from '@hw3/core';
import { calibrateCommand } from './calibrate-command.js';
import { checkCommand } from './check-command.js';
import { EXIT, UsageError } from './exit.js';
import { listCommand } from './list-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { createStyle } from './style.js';

export function createProgram(args: readonly string[]): Command {
  const errStyle = createStyle(process.stderr);
  const program = new Command()
    .name('hw3')
    .description('HW3 Lab: μP, gradient estimators and rematerialization — every homework answer measured and checked.')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(errStyle.bad(text)) })
    .addHelpText(
      'after',
      '\nExit codes: 0 all checks pass / claim consistent, 1 a check fails / claim refuted, 2 bad input, 130 interrupted.\n' +
        'Examples:\n  hw3 list\n  hw3 run 1b --json\n  hw3 run rms-at-init --preset quick --seed 7\n  hw3 check 1b "d1*(1-2/pi+2*d1/pi)"',
    );
  for (const command of [listCommand(), runCommand(args), checkCommand(), reportCommand(), calibrateCommand()]) {
    command.copyInheritedSettings(program);
    program.addCommand(command);
  }
  return program;
}

/** Runs the command line and returns the exit code (messages already written). */
export async function main(argv: readonly string[]): Promise<number> {
  const args = argv.slice(2);
  const program = createProgram(args);
  const errStyle = createStyle(process.stderr);
  try {
    if (args.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError || error instanceof Hw3Error) {
      process.stderr.write(`${errStyle.bad(`hw3: error: ${error.message}`)}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`hw3: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 70;
  }
}
