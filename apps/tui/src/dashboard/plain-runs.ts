// Without a terminal (piped, CI) the dashboard draws no frames: it runs the chosen experiments one after another and
// prints each verdict and checks table as plain text (or one JSON object), streaming as runs finish; one progress
// line per experiment goes to stderr as each starts, so a long run is never silent.
import { CancelledError, runExperiment, type Experiment, type ExperimentResult } from '@hw3/core';
import { plainText } from '../render/lines.js';
import { formatDuration } from '@hw3/client/format';
import { resultLines } from '../render/result.js';
import { serializeError } from '@hw3/core/errors';
import type { RunFailure } from '../worker/runner.js';

export interface PlainRunOptions {
  experiments: readonly Experiment[];
  seed: number;
  json: boolean;
  /** Use each experiment's `quick` preset where it has one. */
  quick?: boolean;
  width?: number;
  signal?: AbortSignal;
  write?: (text: string) => void;
  /** Where "[i/n] running …" lines go (default stderr, so stdout holds only the results). */
  progress?: (text: string) => void;
  /** Printed after the summary line of the text output (e.g. which set ran and how to run the full one). */
  note?: string;
}

export interface PlainOutcome {
  id: string;
  ms: number;
  result?: ExperimentResult;
  error?: RunFailure;
}

/** Runs the experiments one after another; the exit code is 0 when every check passes, 1 otherwise. */
export async function runPlain(options: PlainRunOptions): Promise<{ exitCode: number; outcomes: PlainOutcome[] }> {
  const { experiments, seed, json, width = 100, signal } = options;
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const progress = options.progress ?? ((text: string) => process.stderr.write(text));
  const outcomes: PlainOutcome[] = [];
  for (const [i, experiment] of experiments.entries()) {
    if (signal?.aborted) break;
    const preset = options.quick ? experiment.presets?.quick : undefined;
    progress(`[${i + 1}/${experiments.length}] ${experiment.question} ${experiment.id}${preset ? ' (quick preset)' : ''}…\n`);
    const started = Date.now();
    let outcome: PlainOutcome;
    try {
      const params = preset ?? {};
      const result = await runExperiment(experiment, params, { seed, ...(signal ? { signal } : {}) });
      outcome = { id: experiment.id, ms: Date.now() - started, result };
    } catch (error) {
      const partial = error instanceof CancelledError ? (error.partial as ExperimentResult | undefined) : undefined;
      outcome = { id: experiment.id, ms: Date.now() - started, ...(partial ? { result: partial } : { error: serializeError(error) }) };
    }
    outcomes.push(outcome);
    if (!json) {
      const lines = outcome.result
        ? resultLines(outcome.result, width, experiment, { explanation: false, plots: false, tables: false }).map(plainText)
        : [`${experiment.question}  ${experiment.title}`, `✗ error: ${outcome.error?.message}`];
      write(`${lines.join('\n')}\n(${formatDuration(outcome.ms)})\n\n`);
    }
  }
  const passed = (o: PlainOutcome) => o.result?.status === 'complete' && o.result.checks.every((c) => c.pass);
  const allPass = outcomes.length === experiments.length && outcomes.every(passed);
  const checks = outcomes.flatMap((o) => o.result?.checks ?? []);
  if (json) {
    write(`${JSON.stringify({ seed, pass: allPass, results: outcomes.map((o) => ({ id: o.id, ms: o.ms, ...(o.result ? { result: o.result } : {}), ...(o.error ? { error: o.error } : {}) })) })}\n`);
  } else {
    const failedRuns = outcomes.filter((o) => !passed(o)).map((o) => o.id);
    write(
      allPass
        ? `✓ all ${checks.length} checks of ${outcomes.length} experiments pass (seed ${seed})\n`
        : `✗ ${failedRuns.length + experiments.length - outcomes.length} of ${experiments.length} experiments did not pass: ${[...failedRuns, ...experiments.slice(outcomes.length).map((e) => `${e.id} (not run)`)].join(', ')} (seed ${seed})\n`,
    );
    if (options.note) write(`${options.note}\n`);
  }
  return { exitCode: allPass ? 0 : 1, outcomes };
}
