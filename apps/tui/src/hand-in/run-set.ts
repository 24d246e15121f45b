// Runs a report's experiments one after another on this thread, one progress line per experiment on stderr as each
// starts; a failed run is recorded (not thrown) so one bad experiment never loses the others' results, and a cancel
// keeps what finished (the cancelled run's partial result included).
import { CancelledError, plannedParams, runExperiment, type PlannedRun, type ReportRun } from '@hw3/core';

export interface RunSetOptions {
  seed: number;
  signal?: AbortSignal;
  /** Where the "[i/n] …" lines go (default stderr). */
  progress?: (line: string) => void;
}

export async function runSet(planned: readonly PlannedRun[], options: RunSetOptions): Promise<ReportRun[]> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(line));
  const runs: ReportRun[] = [];
  for (const [i, plan] of planned.entries()) {
    if (options.signal?.aborted) break;
    const { experiment, preset } = plan;
    progress(`[${i + 1}/${planned.length}] ${experiment.question} ${experiment.id}${preset ? ` (${preset} preset)` : ''}…\n`);
    const params = plannedParams(plan);
    const started = Date.now();
    const base = { experiment, ...(preset ? { preset } : {}) };
    try {
      const result = await runExperiment(experiment, params, { seed: options.seed, ...(options.signal ? { signal: options.signal } : {}) });
      runs.push({ ...base, result, ms: Date.now() - started });
    } catch (error) {
      const ms = Date.now() - started;
      if (error instanceof CancelledError && error.partial) runs.push({ ...base, result: error.partial as ReportRun['result'] & object, ms });
      else if (!(error instanceof CancelledError)) runs.push({ ...base, params, error: error instanceof Error ? error.message : String(error), ms });
    }
  }
  return runs;
}
