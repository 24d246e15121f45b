// What the dashboard reads from the run store: each experiment's last runs, and a stored result to open.
import { RunStore, type RunSummary, type StoredRun } from '@hw3/runs';

export interface StoredRuns {
  /** The newest runs of an experiment (at most `limit`), or an error message when the store cannot be read. */
  recent(experimentId: string, limit?: number): RunSummary[] | string;
  load(id: number): StoredRun | undefined;
}

/** Reads `path` on demand (a short read each time: other hw3 processes may be writing it). */
export function storedRuns(path: string): StoredRuns {
  const read = <T>(fn: (store: RunStore) => T): T => {
    const store = RunStore.open(path);
    try {
      return fn(store);
    } finally {
      store.close();
    }
  };
  return {
    recent(experimentId, limit = 3) {
      try {
        return read((s) => s.list({ experiment: experimentId, limit }));
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
    load(id) {
      try {
        return read((s) => s.get(id));
      } catch {
        return undefined;
      }
    },
  };
}

/** One line: `stored: #12 ✓ 15/15 2026-12-01 19:30 · #9 …  (o opens #12)`. */
export function storedLine(runs: RunSummary[] | string): string {
  if (typeof runs === 'string') return `run store: ${runs}`;
  if (runs.length === 0) return 'stored: none yet';
  const one = (r: RunSummary) =>
    `#${r.id} ${r.status === 'cancelled' ? 'cancelled' : r.checksPassed === r.checksTotal ? '✓' : '✗'} ${r.checksPassed}/${r.checksTotal} seed ${r.seed} ${r.createdAt.replace('T', ' ').slice(0, 16)}`;
  return `stored: ${runs.map(one).join(' · ')}  (o opens #${runs[0]!.id})`;
}
