#!/usr/bin/env node
// The `hw3` command (see cli/program.ts): list, run, check, report (the HTML hand-in), doctor. Only light modules
// are imported before the Ctrl-C and closed-pipe handlers are in place; the kernels and experiments load afterwards.
import { wantsJson } from './cli/argv.js';
import { endQuietlyOnClosedPipe } from './cli/closed-pipe.js';
import { interruptBeforeWork } from './cli/interrupt.js';

endQuietlyOnClosedPipe();
interruptBeforeWork(wantsJson(process.argv.slice(2)));
const { main } = await import('./cli/program.js');
process.exitCode = await main(process.argv);
