// Every way the hw3 command rejects input, in one shape: `hw3: error: …` on stderr and, with --json, one error
// object on stdout ({"error":{code,param,value,allowed,message}}), so a script gets JSON whatever happens. Exit 2.
import type { CommanderError, Command } from 'commander';
import { clipText, Hw3Error, InvalidArgumentError } from '@hw3/core';
import { UsageError, type UsageDetails } from './exit.js';

export interface ErrorReport extends UsageDetails {
  message: string;
}

/** A commander error, with the command that raised it (set by `reportCommanderErrors`). */
export class CommandLineError extends Error {
  constructor(
    readonly commanderError: CommanderError,
    readonly command: Command,
  ) {
    super(commanderError.message);
  }
}

/** Makes `command` (and later its subcommands) throw CommandLineError, which knows where the error arose. */
export function reportCommanderErrors(command: Command): Command {
  return command.exitOverride((error) => {
    throw new CommandLineError(error, command);
  });
}

/** `--seed <n>  random seed` lines → `--seed, --json, …` (what a command accepts). */
function optionList(command: Command): string {
  return [...command.options.map((o) => o.long ?? o.short ?? o.flags), '--help'].join(', ');
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The argument's own words, or what it accepts when a command knows better (e.g. the experiment ids). */
export type AllowedForArgument = (command: Command, argument: string) => string | undefined;

function fromCommander(error: CommandLineError, allowedFor: AllowedForArgument): ErrorReport {
  const { commanderError, command } = error;
  const text = commanderError.message.replace(/^error: /, '');
  const quoted = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const where = `\`${commandPath(command)} --help\``;
  switch (commanderError.code) {
    case 'commander.unknownOption': {
      const allowed = `an option of ${commandPath(command)}: ${optionList(command)}`;
      return { code: 'UNKNOWN_OPTION', param: quoted[0] ?? 'option', allowed, message: `${text.replace(/\n/g, ' ')}; allowed: ${allowed}` };
    }
    case 'commander.unknownCommand': {
      const names = command.commands.map((c) => c.name());
      const allowed = `a command: ${names.join(', ')}`;
      return { code: 'UNKNOWN_COMMAND', param: '<command>', value: clipText(quoted[0] ?? '', 80), allowed, message: `${text.replace(/\n/g, ' ')}; allowed: ${allowed}` };
    }
    case 'commander.missingArgument': {
      const name = quoted[0] ?? 'argument';
      const argument = command.registeredArguments.find((a) => a.name() === name);
      const allowed = allowedFor(command, name) ?? argument?.description ?? `see ${where}`;
      return { code: 'MISSING_ARGUMENT', param: `<${name}>`, allowed, message: `missing required argument <${name}>: ${allowed}` };
    }
    case 'commander.optionMissingArgument': {
      const flag = quoted[0]?.split(/[ ,]/).find((f) => f.startsWith('--')) ?? quoted[0] ?? 'option';
      const option = command.options.find((o) => o.long === flag);
      const allowed = option ? `${option.flags}: ${option.description}` : `a value (see ${where})`;
      return { code: 'MISSING_VALUE', param: flag, allowed, message: `option ${flag} needs a value: ${allowed}` };
    }
    case 'commander.excessArguments': {
      const names = command.registeredArguments.map((a) => `<${a.name()}>`);
      const allowed = names.length === 0 ? 'no arguments' : `${names.length} argument${names.length === 1 ? '' : 's'}: ${names.join(' ')} (quote a formula with spaces)`;
      const extra = command.args.slice(names.length).join(' ');
      return { code: 'EXCESS_ARGUMENTS', param: '<arguments>', value: clipText(extra, 80), allowed, message: `${text.replace(/\.$/, '')}; allowed: ${allowed}` };
    }
    default: {
      const flag = /option '(--?[\w-]+)/.exec(text)?.[1] ?? (/argument '(\w+)'/.exec(text)?.[1] ? `<${/argument '(\w+)'/.exec(text)![1]}>` : 'arguments');
      return { code: commanderError.code.replace(/^commander\./, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(), param: flag, allowed: `see ${where}`, message: clipText(text, 400) };
    }
  }
}

/** The report for a rejected input, or undefined when `error` is not a rejection (a bug: exit 70). */
export function toErrorReport(error: unknown, allowedFor: AllowedForArgument = () => undefined, command?: Command): ErrorReport | undefined {
  if (error instanceof CommandLineError) return fromCommander(error, allowedFor);
  if (error instanceof UsageError) return { ...error.details, message: error.message };
  if (error instanceof Hw3Error) {
    // Core names its own parameter; on the command line that is an argument (<formula>) or a flag.
    const name = error.param ?? 'input';
    const argument = command?.registeredArguments.find((a) => a.name() === name);
    const value = typeof error.value === 'string' ? clipText(error.value, 80) : undefined;
    const allowed =
      error instanceof InvalidArgumentError ? error.expected : ((command && allowedFor(command, name)) ?? argument?.description ?? 'see the message');
    return {
      code: error.code,
      param: argument ? `<${name}>` : name,
      ...(value !== undefined ? { value } : {}),
      allowed,
      message: clipText(error.message, 600),
    };
  }
  return undefined;
}

/** Writes the report: the message on stderr always, the error object on stdout with --json. */
export function writeErrorReport(report: ErrorReport, options: { json: boolean; hint?: string; paint?: (text: string) => string; name?: string }): void {
  const paint = options.paint ?? ((text: string) => text);
  process.stderr.write(`${paint(`${options.name ?? 'hw3'}: error: ${report.message}`)}\n${options.hint ? `${options.hint}\n` : ''}`);
  if (options.json) process.stdout.write(`${JSON.stringify({ error: report })}\n`);
}
