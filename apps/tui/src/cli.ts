#!/usr/bin/env node
// The `hw3` command.
import { Command, InvalidArgumentError } from 'commander';
import { kernelReport } from './report.js';

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError(`--seed must be an integer from 0 to 2^53 − 1, got ${JSON.stringify(value)}`);
  }
  return seed;
}

const program = new Command()
  .name('hw3')
  .description('HW3 Lab: μP, gradient estimators and rematerialization, measured and checked.')
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program
  .command('report')
  .description('run each WebAssembly kernel on a small seeded problem and check it')
  .option('--seed <n>', 'random seed', parseSeed, 1)
  .option('--json', 'print one JSON object')
  .action((opts: { seed: number; json?: boolean }) => {
    const lines = kernelReport(opts.seed);
    if (opts.json) console.log(JSON.stringify({ seed: opts.seed, lines }));
    else for (const l of lines) console.log(`${l.ok ? '✓' : '✗'} ${l.label}\n    ${l.value}`);
    process.exitCode = lines.every((l) => l.ok) ? 0 : 1;
  });

program.parse();
