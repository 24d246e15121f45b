// The runs finished in this browser tab, for the hand-in report: the latest complete result of each experiment, kept
// in sessionStorage so that moving between experiment pages (or reloading) keeps them until the tab closes.
import type { ExperimentResult } from '@hw3/core/experiments/api';
import type { ReportExperiment } from '@hw3/core/report';

/** The texts of an experiment the report shows above its result (sent by the server with the page): the report's own
 * contract, so the explorer's hand-in cannot drift from the terminal's. */
export type ExperimentTexts = ReportExperiment;

export interface SessionRun {
  experiment: ExperimentTexts;
  result: ExperimentResult;
  /** Wall-clock milliseconds of the run, measured on the page. */
  ms: number;
}

const KEY = 'hw3.session-runs';

function read(): SessionRun[] {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? '[]');
    // Runs stored by an older page (without value metadata) are dropped rather than reported with raw keys.
    return Array.isArray(parsed) ? (parsed as SessionRun[]).filter((run) => typeof run?.experiment?.values === 'object' && run.experiment.values !== null) : [];
  } catch {
    return [];
  }
}

/** Every experiment's latest run in this tab, oldest first. */
export function sessionRuns(): SessionRun[] {
  return read();
}

/**
 * Records a finished run, replacing an earlier run of the same experiment. When storage is full the oldest runs are
 * dropped first; a run too large to store at all is still returned to the caller's report (see `withCurrent`).
 */
export function recordRun(run: SessionRun): void {
  const runs = [...read().filter((r) => r.experiment.id !== run.experiment.id), run];
  while (runs.length > 0) {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(runs));
      return;
    } catch {
      runs.shift();
    }
  }
}

/** The stored runs with `current` in place of any stored run of the same experiment (so it is never missing). */
export function withCurrent(current: SessionRun): SessionRun[] {
  return [...read().filter((r) => r.experiment.id !== current.experiment.id), current];
}
