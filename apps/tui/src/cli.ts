#!/usr/bin/env node
// The `hw3` command (see cli/program.ts): list, run, check, report.
import { main } from './cli/program.js';

process.exitCode = await main(process.argv);
