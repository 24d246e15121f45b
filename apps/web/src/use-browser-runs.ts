'use client';
// An experiment page's view of the runs kept in this browser: whether runs can be kept here at all, the experiment's
// kept runs (newest first), and keeping, opening, removing, exporting and importing them. Every storage failure ends
// up in `keeping` (the page says runs are not kept) or in an import's refusal, never as an exception.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExperimentResult } from '@hw3/core/experiments/api';
import type { ExportedRun } from '@hw3/runs/export-format';
import { BrowserRuns, pageRun, RunsNotKept, type KeptRunSummary } from './browser-runs';
import { readRunsFile, saveRunsFile } from './run-files';
import { whenIdle } from './when-idle';

export type Keeping = { kind: 'opening' } | { kind: 'kept' } | { kind: 'not-kept'; reason: string };

/** What an import did: runs added (and how many are this experiment's), or why nothing was imported. */
export type ImportOutcome =
  | { kind: 'imported'; file: string; added: number; skipped: number; ofThisExperiment: number }
  | { kind: 'refused'; file: string; code: string; message: string; allowed: string | undefined };

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useBrowserRuns(experimentId: string) {
  const store = useRef<Promise<BrowserRuns> | undefined>(undefined);
  const [keeping, setKeeping] = useState<Keeping>({ kind: 'opening' });
  const [list, setList] = useState<{ runs: KeptRunSummary[]; total: number }>({ runs: [], total: 0 });

  const failed = useCallback((error: unknown) => setKeeping({ kind: 'not-kept', reason: reasonOf(error) }), []);

  const refresh = useCallback(async () => {
    const s = await store.current;
    if (s) setList(await s.list(experimentId));
  }, [experimentId]);

  useEffect(() => {
    // Opened once the page is idle, so the page's first result does not wait for the database; keep() and the rest
    // await `store.current`, set here at once.
    let live = true;
    const opening = new Promise<BrowserRuns>((resolve, reject) => whenIdle(() => BrowserRuns.open().then(resolve, reject)));
    store.current = opening;
    opening.then(
      (s) => {
        if (!live) return;
        setKeeping({ kind: 'kept' });
        s.list(experimentId).then((l) => live && setList(l), failed);
      },
      (error) => live && failed(error),
    );
    opening.catch(() => undefined);
    return () => {
      live = false;
      store.current = undefined;
      opening.then((s) => s.close(), () => undefined);
    };
  }, [experimentId, failed]);

  /** Keeps a run this page computed. */
  const keep = useCallback(
    async (result: ExperimentResult, ms: number) => {
      try {
        const s = await store.current;
        if (!s) return;
        await s.keep(pageRun(result, ms));
        await refresh();
      } catch (error) {
        failed(error);
      }
    },
    [refresh, failed],
  );

  const open = useCallback(async (uid: string): Promise<ExportedRun | undefined> => (await store.current)?.get(uid), []);

  const remove = useCallback(
    async (uid: string) => {
      try {
        await (await store.current)?.remove(uid);
        await refresh();
      } catch (error) {
        failed(error);
      }
    },
    [refresh, failed],
  );

  /** Saves this experiment's kept runs (or every kept run) as an export file. */
  const exportRuns = useCallback(
    async (scope: 'experiment' | 'all') => {
      const s = await store.current;
      if (!s) return;
      const runs = await s.all(scope === 'experiment' ? experimentId : undefined);
      await saveRunsFile(runs, `hw3-runs-${scope === 'experiment' ? experimentId : 'all'}-${new Date().toISOString().slice(0, 10)}.json`);
    },
    [experimentId],
  );

  /** Checks a file and keeps its runs (all or none). */
  const importFile = useCallback(
    async (file: File): Promise<ImportOutcome> => {
      try {
        const runs = await readRunsFile(file);
        const s = await store.current;
        if (!s) throw new RunsNotKept('the browser’s run store is not open');
        const { added, skipped } = await s.importRuns(runs);
        await refresh();
        return { kind: 'imported', file: file.name, added, skipped, ofThisExperiment: runs.filter((r) => r.result.id === experimentId).length };
      } catch (error) {
        const e = error as { code?: string; allowed?: string };
        return { kind: 'refused', file: file.name, code: e.code ?? 'IMPORT_FAILED', message: reasonOf(error), allowed: e.allowed };
      }
    },
    [experimentId, refresh],
  );

  return { keeping, runs: list.runs, total: list.total, keep, open, remove, exportRuns, importFile };
}
