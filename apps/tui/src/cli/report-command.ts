// `hw3 report [experiments…] [--out file.html] [--seed N] [--preset NAME] [--json]`: runs the chosen experiments
// (default: the quick set, about a minute) and writes ONE self-contained HTML file to hand in — verdicts, checks with
// error bars, inline SVG figures, parameters, seed, code version, kernels' hash and machine (core's renderReportHtml).
// Ctrl-C stops after the current experiment and still writes what finished.
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import {
  getExperiment,
  InvalidArgumentError,
  QUICK_SET_LEAVES_OUT,
  quickSet,
  renderReportHtml,
  runVerdict,
  type PlannedRun,
  type ReportRun,
} from '@hw3/core';
import { nodeProvenance } from '../hand-in/provenance.js';
import { runSet } from '../hand-in/run-set.js';
import { EXIT } from './exit.js';
import { abortOnInterrupt } from './interrupt.js';
import { parseSeed } from './options.js';
import { createStyle } from './style.js';

interface ReportOptions {
  out: string;
  seed: number;
  preset?: string;
  json?: boolean;
}

/** The runs asked for: the named experiments (or the quick set), each from `preset` where it has one. */
function plan(keys: readonly string[], preset: string | undefined): { planned: PlannedRun[]; description: string } {
  const chosen = keys.length > 0 ? [...new Set(keys.map((key) => getExperiment(key)))] : undefined;
  const base: PlannedRun[] = chosen ? chosen.map((experiment) => ({ experiment })) : quickSet();
  if (preset === undefined) {
    const description = chosen
      ? `Experiments chosen: ${chosen.map((e) => e.id).join(', ')}, each with its default parameters.`
      : `The quick set: every experiment with its quick preset where it has one. Left out: ${Object.entries(QUICK_SET_LEAVES_OUT)
          .map(([id, why]) => `${id} (${why})`)
          .join('; ')}. Run it with: hw3 report lr-transfer --preset quick.`;
    return { planned: base, description };
  }
  const withPreset = base.filter((run) => run.experiment.presets?.[preset] !== undefined);
  if (withPreset.length === 0) {
    const known = [...new Set(base.flatMap((run) => Object.keys(run.experiment.presets ?? {})))];
    throw new InvalidArgumentError('--preset', preset, known.length ? `a preset of a chosen experiment (${known.join(', ')})` : `left out (${base.map((run) => run.experiment.id).join(', ')}: no presets)`);
  }
  const planned = base.map(({ experiment }) => (experiment.presets?.[preset] !== undefined ? { experiment, preset } : { experiment }));
  const without = planned.filter((run) => !run.preset).map((run) => run.experiment.id);
  const description =
    `${chosen ? `Experiments chosen: ${chosen.map((e) => e.id).join(', ')}` : 'The quick set'}, each from its "${preset}" preset` +
    (without.length ? ` (${without.join(', ')}: no such preset, default parameters).` : '.');
  return { planned, description };
}

/** --out: a file (not a folder) in a folder that exists, checked before any experiment runs. */
function outputPath(out: string): string {
  const path = resolve(out);
  if (!existsSync(dirname(path))) throw new InvalidArgumentError('--out', out, 'a file in an existing folder');
  if (existsSync(path) && statSync(path).isDirectory()) throw new InvalidArgumentError('--out', out, 'a file name, not a folder');
  return path;
}

const shellWord = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

export function reportCommand(): Command {
  return new Command('report')
    .description('run experiments and write one self-contained HTML report to hand in (default: the quick set, about a minute)')
    .argument('[experiments...]', 'experiment ids or homework parts (default: the quick set — every experiment but lr-transfer, quick presets)')
    .option('--out <file>', 'the HTML file to write', 'hw3-report.html')
    .option('--seed <n>', 'random seed', parseSeed, 1)
    .option('--preset <name>', 'start each experiment from this named preset where it has one (e.g. quick)')
    .option('--json', 'print exactly one JSON object on stdout (the file, its size, each verdict)')
    .addHelpText('after', '\nExamples:\n  hw3 report\n  hw3 report 1b 4b --out answers.html\n  hw3 report lr-transfer --preset quick --seed 2')
    .action(async (keys: string[], opts: ReportOptions) => {
      const path = outputPath(opts.out);
      const { planned, description } = plan(keys, opts.preset);
      const interrupt = abortOnInterrupt();
      let runs: ReportRun[];
      try {
        runs = await runSet(planned, { seed: opts.seed, signal: interrupt.signal });
      } finally {
        interrupt.dispose();
      }
      const interrupted = interrupt.signal.aborted;
      const command = ['hw3', ...process.argv.slice(2)].map(shellWord).join(' ');
      const html = renderReportHtml({
        seed: opts.seed,
        setDescription: interrupted ? `${description} Interrupted: ${runs.length} of ${planned.length} experiments ran.` : description,
        runs,
        provenance: nodeProvenance(command),
      });
      // Write next to the target, then rename: a reader never sees half a file.
      const partial = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
      writeFileSync(partial, html);
      renameSync(partial, path);
      const bytes = Buffer.byteLength(html);
      const verdicts = runs.map((run) => ({ id: run.experiment.id, verdict: runVerdict(run), checks: run.result?.checks.length ?? 0, failed: run.result?.checks.filter((c) => !c.pass).length ?? 0 }));
      const pass = !interrupted && runs.length === planned.length && verdicts.every((v) => v.verdict === 'pass');
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ out: path, bytes, seed: opts.seed, pass, interrupted, experiments: verdicts })}\n`);
      } else {
        const style = createStyle(process.stdout);
        for (const v of verdicts) {
          const mark = v.verdict === 'pass' ? style.ok('✓') : style.bad('✗');
          process.stdout.write(`${mark} ${v.id.padEnd(26)} ${v.verdict === 'pass' ? `all ${v.checks} checks pass` : v.verdict === 'fail' ? `${v.failed} of ${v.checks} checks fail` : v.verdict}\n`);
        }
        process.stdout.write(`wrote ${path} (${(bytes / 1024).toFixed(0)} KiB, ${runs.length} experiments, seed ${opts.seed}); open it in a browser, print it to PDF to hand in\n`);
      }
      process.exitCode = interrupted ? EXIT.interrupted : pass ? EXIT.ok : EXIT.failed;
    });
}
