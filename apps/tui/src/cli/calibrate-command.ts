// `hw3 calibrate [<experiment>…] [--seeds N] [--first-seed S] [--preset P] [--workers W] [--report FILE] [--json]`:
// runs experiments over many seeds and reports each check's false-alarm rate and power (see @hw3/core calibration).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  calibrateExperiment,
  calibrationPlan,
  CancelledError,
  emptyReport,
  experiments as registry,
  formatRate,
  getExperiment,
  mergeReport,
  parseReport,
  renderCalibrationMarkdown,
  type CalibrationEntry,
  type ExperimentResult,
  type SeedRunner,
} from '@hw3/core';
import { EXIT, UsageError } from './exit.js';
import { abortOnInterrupt } from './interrupt.js';
import { createProgressLine } from './progress.js';
import { WorkerRunner } from '../worker/worker-runner.js';

function positiveInt(flag: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !(n >= 1 && n <= max)) throw new InvalidArgumentError(`${flag} must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`);
    return n;
  };
}

function parseDelta(value: string): number {
  const d = Number(value);
  if (!/^\s*(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) || !(d > 0 && d < 1)) throw new InvalidArgumentError(`--delta must be a number between 0 and 1, got ${JSON.stringify(value)}`);
  return d;
}

/** Seeds run on `count` worker threads, one run per thread at a time (results do not depend on which thread). */
function workerPool(count: number): { runner: SeedRunner; dispose(): void } {
  const idle = Array.from({ length: count }, () => new WorkerRunner());
  // WorkerRunner unrefs its thread (the dashboard decides when to exit); here the pending runs must keep Node alive.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  const all = [...idle];
  const waiting: ((r: WorkerRunner) => void)[] = [];
  const acquire = () => new Promise<WorkerRunner>((resolve) => (idle.length ? resolve(idle.pop()!) : waiting.push(resolve)));
  const release = (r: WorkerRunner) => (waiting.length ? waiting.shift()!(r) : idle.push(r));
  const runner: SeedRunner = async (experiment, params, seed, signal) => {
    const worker = await acquire();
    let onAbort = () => {};
    try {
      return await new Promise<ExperimentResult>((resolve, reject) => {
        const handle = worker.start(
          { experimentId: experiment.id, params, seed },
          {
            onProgress() {},
            onDone: resolve,
            onCancelled: () => reject(new CancelledError(experiment.id)),
            onError: (e) => reject(Object.assign(new Error(`${experiment.id} seed ${seed}: ${e.message}`), { name: e.name })),
          },
        );
        onAbort = () => handle.cancel();
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      release(worker);
    }
  };
  return {
    runner,
    dispose: () => {
      clearInterval(keepAlive);
      all.forEach((w) => w.dispose());
    },
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** The JSON report and its Markdown beside it (same name, .md). */
function writeReport(file: string, report: ReturnType<typeof mergeReport>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${file.replace(/\.json$/i, '')}.md`, renderCalibrationMarkdown(report));
}

export function calibrateCommand(): Command {
  return new Command('calibrate')
    .description('run experiments over many seeds: each check’s false-alarm rate (with a 95 % interval) against its design, and its power against a perturbed closed form (exit 1 if a check fails more often than its design allows)')
    .argument('[experiments...]', 'experiment ids or questions (default: every experiment)')
    .option('--seeds <n>', 'seeds per experiment (default: 200, or 30 for the training experiments)', positiveInt('--seeds', 100_000))
    .option('--first-seed <n>', 'first seed', positiveInt('--first-seed', 2 ** 53 - 1), 1)
    .option('--preset <name>', 'preset for every experiment named; `default` runs the experiments’ defaults (default: each experiment’s calibration preset, if any)')
    .option('--workers <n>', 'worker threads running seeds at once (0: this thread)', (v) => (v.trim() === '0' ? 0 : positiveInt('--workers', 16)(v)), 0)
    .option('--delta <x>', 'relative perturbation of every closed form for the power column', parseDelta, 0.05)
    .option('--report <file>', 'merge the results into this JSON report and write its Markdown beside it (.md); an experiment already there is replaced, or extended when the new seeds follow its last')
    .option('--json', 'print exactly one JSON object on stdout')
    .addHelpText('after', '\nExamples:\n  hw3 calibrate 1a --seeds 20\n  hw3 calibrate spectral --preset quick --seeds 30 --workers 2\n  hw3 calibrate --report docs/calibration.json --workers 2   (what `npm run calibrate` runs)')
    .action(async (keys: string[], opts: { seeds?: number; firstSeed: number; preset?: string; workers: number; delta: number; report?: string; json?: boolean }) => {
      const chosen = keys.length ? [...new Set(keys.map((k) => getExperiment(k)))] : [...registry];
      for (const e of chosen) {
        if (opts.preset !== undefined && opts.preset !== 'default' && !(opts.preset in (e.presets ?? {}))) {
          throw new UsageError(`--preset ${JSON.stringify(opts.preset)}: ${e.id} has ${Object.keys(e.presets ?? {}).length ? `presets ${Object.keys(e.presets ?? {}).join(', ')}` : 'no presets'}`);
        }
      }
      let existing = emptyReport();
      if (opts.report && existsSync(opts.report)) {
        try {
          existing = parseReport(JSON.parse(readFileSync(opts.report, 'utf8')));
        } catch (error) {
          throw new UsageError(`--report ${JSON.stringify(opts.report)} is not a calibration report: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const pool = opts.workers > 0 ? workerPool(opts.workers) : undefined;
      const interrupt = abortOnInterrupt();
      const progress = createProgressLine(process.stderr, 'calibrate ');
      const commit = gitCommit();
      const fresh: CalibrationEntry[] = [];
      let cancelled = false;
      try {
        for (const e of chosen) {
          const plan = calibrationPlan(e.id);
          const preset = opts.preset ?? plan.preset;
          const seeds = opts.seeds ?? plan.seeds;
          try {
            const result = await calibrateExperiment(
              { experiment: e.id, seeds, firstSeed: opts.firstSeed, delta: opts.delta, ...(preset !== undefined ? { preset } : {}) },
              {
                concurrency: Math.max(1, opts.workers),
                ...(pool ? { runner: pool.runner } : {}),
                signal: interrupt.signal,
                onProgress: (done, total, seed) => progress.update({ fraction: done / total, message: `${e.id} seed ${seed} (${done}/${total})` }),
              },
            );
            fresh.push({ ...result, ranAt: new Date().toISOString(), commit });
            // Written after every experiment, so a long calibration keeps what finished if it is stopped.
            if (opts.report) writeReport(opts.report, mergeReport(existing, fresh, registry.map((x) => x.id)));
            if (!opts.json) {
              progress.clear();
              process.stderr.write(`${e.id}: ${formatRate(result.anyFailure)} runs with a failing check${result.exceedsDesign ? ' — EXCEEDS its design' : ''}\n`);
            }
          } catch (error) {
            if (error instanceof CancelledError) {
              cancelled = true;
              break;
            }
            throw error;
          }
        }
      } finally {
        progress.clear();
        interrupt.dispose();
        pool?.dispose();
      }
      const freshReport = { format: 'hw3-calibration/1' as const, experiments: fresh };
      if (opts.json) process.stdout.write(`${JSON.stringify(freshReport)}\n`);
      else process.stdout.write(renderCalibrationMarkdown(freshReport));
      const exceeded = fresh.some((e) => e.exceedsDesign || e.checks.some((c) => c.exceedsDesign));
      process.exitCode = cancelled ? EXIT.interrupted : exceeded ? EXIT.failed : EXIT.ok;
    });
}
