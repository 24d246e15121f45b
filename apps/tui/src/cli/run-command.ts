// `hw3 run <experiment> [--<param> <value>]… [--seed N] [--preset NAME] [--json] [--tables]`
import { Command, Option } from 'commander';
import {
  CancelledError,
  clipText,
  costMachine,
  estimateCost,
  findExperiment,
  formatParamText,
  Hw3Error,
  InvalidArgumentError,
  ParamError,
  resolveParams,
  runExperiment,
  suggestExperiments,
  type Experiment,
  type ExperimentResult,
} from '@hw3/core';
import { knownExperiments } from './experiment-names.js';
import { EXIT, UsageError } from './exit.js';
import { abortOnInterrupt } from './interrupt.js';
import { choiceParser, experimentOptions, flagName, parseSeed, rejectFlag, shownValue } from './options.js';
import { createProgressLine } from './progress.js';
import { resultText } from './result-text.js';
import { createStyle } from './style.js';
import { openStore, storePath } from './store-access.js';
import { codeVersion, machineInfo, storeCellCache, type RunStore } from '@hw3/runs';
import type { CellServices } from '@hw3/core';
import type { RedisCells } from '@hw3/runs/queue';
import { asQueueUsageError } from './queue-access.js';

/** The experiment the user named on the command line (the first bare word after `run` that names one), if any. */
export function experimentFromArgv(args: readonly string[]): { key: string | undefined; experiment: Experiment | undefined } {
  const at = args.indexOf('run');
  if (at < 0) return { key: undefined, experiment: undefined };
  const words = args.slice(at + 1).filter((a) => !a.startsWith('-'));
  for (const word of words) {
    const experiment = findExperiment(word);
    if (experiment) return { key: word, experiment };
  }
  return { key: words[0], experiment: undefined };
}

function unknownExperiment(key: string): UsageError {
  return new UsageError(`unknown experiment ${shownValue(key)} (did you mean ${suggestExperiments(clipText(key, 200)).join(', ')}?); \`hw3 list\` shows them all`, {
    code: 'UNKNOWN_EXPERIMENT',
    param: '<experiment>',
    value: clipText(key, 80),
    allowed: knownExperiments(),
  });
}

/** The schema's verdict on the parameters, one clause per rejected flag, each naming the value given. */
function rejectedParams(error: ParamError, params: Record<string, unknown>, flags: Map<string, string>): UsageError {
  const clauses = error.issues.map((issue) => {
    const name = issue.param.split('.')[0]!;
    const flag = `--${flags.get(name) ?? name}`;
    const given = name in params ? clipText(formatParamText(params[name]), 80) : undefined;
    return { flag, given, allowed: clipText(issue.message, 300) };
  });
  const first = clauses[0]!;
  return new UsageError(clauses.map((c) => `${c.flag}${c.given !== undefined ? ` ${c.given}` : ''} is rejected: ${c.allowed}`).join('; '), {
    code: 'INVALID_ARGUMENT',
    param: first.flag,
    ...(first.given !== undefined ? { value: first.given } : {}),
    allowed: first.allowed,
  });
}

/** A typed error from inside the run that names one of the parameters (e.g. a rejected cost formula): say the flag. */
function rejectedDuringRun(error: Hw3Error, params: Record<string, unknown>, flags: Map<string, string>): UsageError | undefined {
  const name = error.param?.split(/[.[]/)[0];
  if (name === undefined || !flags.has(name)) return undefined;
  const flag = `--${flags.get(name)!}`;
  const allowed = error instanceof InvalidArgumentError ? error.expected : 'see the message';
  const given = name in params ? clipText(formatParamText(params[name]), 80) : undefined;
  return new UsageError(`${flag}: ${clipText(error.message, 400)}`, { code: error.code, param: flag, ...(given !== undefined ? { value: given } : {}), allowed });
}

/** What a run costs, said before it starts: with the defaults and with each preset (`hw3 run <id> --help`). */
export function costHelp(experiment: Experiment): string[] {
  const line = (what: string, params: Record<string, unknown>) => `  ${what.padEnd(18)} ${estimateCost(experiment, params).text}`;
  return [
    `cost (estimated from the parameters; calibrated on ${costMachine.description}):`,
    line('defaults', {}),
    ...Object.entries(experiment.presets ?? {}).map(([name, params]) => line(`--preset ${name}`, params)),
  ];
}

export function runCommand(args: readonly string[]): Command {
  const { experiment } = experimentFromArgv(args);
  const command = new Command('run')
    .description('run an experiment and check it against its closed form (exit 0: all checks pass, 1: a check fails, 2: bad input)')
    .argument('<experiment>', 'experiment id or homework question (e.g. 1b, signgd-update, 4b)')
    .option('--seed <n>', 'random seed', parseSeed, 1)
    .option('--json', 'print exactly one JSON object on stdout')
    .option('--progress', 'report progress on stderr even when it is not a terminal')
    .option('--tables', 'also print the experiment’s tables')
    .option('--store <path>', 'run store file (default $HW3_STORE, else ~/.local/share/hw3/runs.sqlite; HW3_STORE=off keeps nothing)')
    .option('--no-store', 'neither store this run nor reuse a stored one')
    .option('--fresh', 'run again even when an identical run (experiment, parameters, seed, code version) is stored')
    .option('--redis <url>', 'fan sweep cells out as jobs to `hw3 worker --redis <url>` processes (lr-transfer, transformer-lr-transfer), e.g. redis://host:6379');
  const fields = experiment ? experimentOptions(experiment) : [];
  if (experiment) {
    const presets = Object.keys(experiment.presets ?? {});
    const preset = new Option('--preset <name>', 'start from a named parameter set (flags given as well override it)');
    if (presets.length > 0) preset.choices(presets).argParser(choiceParser('--preset', presets));
    else {
      preset.argParser((name: string) => {
        throw rejectFlag('--preset', name, `left out: ${experiment.id} has no presets`);
      });
    }
    command.addOption(preset);
    command.description(`run ${experiment.id} (${experiment.question}): ${experiment.title}`);
    for (const { option } of fields) command.addOption(option);
    command.addHelpText('after', `\n${experiment.summary}\nclosed form (TeX): ${experiment.closedForm}\n\n${costHelp(experiment).join('\n')}`);
  } else {
    // Unknown or missing experiment: let the action name it (with suggestions) instead of failing on its flags.
    command.allowUnknownOption().allowExcessArguments();
    command.addOption(new Option('--preset <name>', 'start from a named parameter set (e.g. quick)'));
    command.addHelpText('after', '\nEach experiment has its own flags: `hw3 run <experiment> --help` lists them; `hw3 list` lists experiments.');
  }

  command.action(async (key: string, opts: Record<string, unknown>, cmd: Command) => {
    if (!experiment || findExperiment(key) !== experiment) throw unknownExperiment(key);
    const params: Record<string, unknown> = {};
    if (typeof opts.preset === 'string') Object.assign(params, experiment.presets?.[opts.preset]);
    for (const { field, attribute } of fields) {
      if (cmd.getOptionValueSource(attribute) === 'cli') params[field.name] = opts[attribute];
    }
    const flags = new Map(fields.map((f) => [f.field.name, flagName(f.field)]));
    const json = Boolean(opts.json);
    const seed = opts.seed as number;
    let resolved: Record<string, unknown>;
    try {
      resolved = resolveParams(experiment, params) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof ParamError) throw rejectedParams(error, params, flags);
      throw error;
    }
    const path = storePath(opts.store);
    const store = path === undefined ? undefined : openStore(path);
    let remote: RedisCells | undefined;
    try {
      const code = codeVersion();
      const stored = store && !opts.fresh ? store.findIdentical({ experiment: experiment.id, params: resolved, seed, codeVersion: code.id }) : undefined;
      if (stored) {
        process.stderr.write(`hw3: stored run #${stored.id} of ${stored.createdAt} (same experiment, parameters, seed and code; --fresh runs it again)\n`);
        printResult(stored.result, json, Boolean(opts.tables));
        process.exitCode = stored.result.checks.every((c) => c.pass) ? EXIT.ok : EXIT.failed;
        return;
      }
      // Sweep cells are kept as they finish: an interrupted sweep resumes from them.
      const cells: CellServices = store ? { cache: storeCellCache(store, code) } : {};
      if (typeof opts.redis === 'string') {
        remote = await connectQueue(opts.redis);
        cells.execute = remote.execute;
      }
      const { result, exitCode, wallMs, cpuMs } = await execute(experiment, resolved, seed, Boolean(opts.progress), cells, (error) => {
        if (error instanceof ParamError) return rejectedParams(error, params, flags);
        return (error instanceof Hw3Error && rejectedDuringRun(error, params, flags)) || error;
      });
      if (store) keep(store, { result, code, machine: machineInfo(), wallMs, cpuMs }, json);
      printResult(result, json, Boolean(opts.tables));
      process.exitCode = exitCode;
    } finally {
      await remote?.close();
      store?.close();
    }
  });
  return command;
}

/** The coordinator's connection to the queue; says on stderr how many workers serve this code version. */
async function connectQueue(url: string): Promise<RedisCells> {
  const { redisCellExecutor } = await import('@hw3/runs/queue');
  const remote = await redisCellExecutor(url).catch(asQueueUsageError);
  const workers = await remote.workers();
  process.stderr.write(
    workers > 0
      ? `hw3: ${workers} worker${workers === 1 ? '' : 's'} on ${url} serve this code version; cells go to them\n`
      : `hw3: no worker on ${url} serves this code version yet: cells wait in the queue for \`hw3 worker --redis ${url}\` (built from the same code)\n`,
  );
  return remote;
}

function printResult(result: ExperimentResult, json: boolean, tables: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${resultText(result, createStyle(process.stdout), tables).join('\n')}\n`);
}

/** Stores the run; a failure to store is said on stderr and never costs the result, which is printed regardless. */
function keep(store: RunStore, run: Parameters<RunStore['save']>[0], json: boolean): void {
  try {
    const saved = store.save(run);
    if (!json) process.stderr.write(`hw3: stored as run #${saved.id} in ${store.path}\n`);
  } catch (error) {
    process.stderr.write(`hw3: warning: the run was not stored (${error instanceof Error ? error.message : String(error)})\n`);
  }
}

/** Runs the experiment with progress on stderr and Ctrl-C handling; a cancelled run returns what finished. */
async function execute(
  experiment: Experiment,
  params: Record<string, unknown>,
  seed: number,
  forceProgress: boolean,
  cells: CellServices,
  asInputError: (error: unknown) => unknown,
): Promise<{ result: ExperimentResult; exitCode: number; wallMs: number; cpuMs: number }> {
  const progress = createProgressLine(process.stderr, `${experiment.id} `, forceProgress);
  const interrupt = abortOnInterrupt();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let result: ExperimentResult;
  let exitCode: number;
  try {
    result = await runExperiment(experiment, params, { seed, signal: interrupt.signal, onProgress: (p) => progress.update(p), ...(cells.cache || cells.execute ? { cells } : {}) });
    exitCode = result.checks.every((c) => c.pass) ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (error instanceof CancelledError && error.partial) {
      result = error.partial as ExperimentResult;
      exitCode = EXIT.interrupted;
    } else throw asInputError(error);
  } finally {
    progress.clear();
    interrupt.dispose();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { result, exitCode, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}
