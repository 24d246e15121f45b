// `hw3 doctor [--seed N] [--json]`: each WebAssembly kernel at work on a small seeded problem, checked (was `hw3 report`
// before that name went to the hand-in report).
import { Command } from 'commander';
import { kernelDoctor } from '../doctor.js';
import { EXIT } from './exit.js';
import { parseSeed } from './options.js';
import { createStyle } from './style.js';

export function doctorCommand(): Command {
  return new Command('doctor')
    .description('run each WebAssembly kernel on a small seeded problem and check it')
    .option('--seed <n>', 'random seed', parseSeed, 1)
    .option('--json', 'print exactly one JSON object on stdout')
    .action((opts: { seed: number; json?: boolean }) => {
      const lines = kernelDoctor(opts.seed);
      const style = createStyle(process.stdout);
      if (opts.json) process.stdout.write(`${JSON.stringify({ seed: opts.seed, lines })}\n`);
      else for (const l of lines) process.stdout.write(`${l.ok ? style.ok('✓') : style.bad('✗')} ${l.label}\n    ${l.value}\n`);
      process.exitCode = lines.every((l) => l.ok) ? EXIT.ok : EXIT.failed;
    });
}
