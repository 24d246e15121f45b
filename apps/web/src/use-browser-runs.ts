'use client';
// An experiment page's view of the runs kept in this browser: whether runs can be kept here at all, the experiment's
// kept runs (newest first), and keeping, opening, removing, exporting and importing them. Every storage failure ends
// up in `keeping` (the page says runs are not kept) or in an import's refusal, never as an exception.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExperimentResult } from '@hw3/core/experiments/api';
import type { ExportedRun } from '@hw3/runs/export-format';
import { BrowserRuns, pageRun, type KeptRunSummary } from './browser-runs';
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

/**
 * `listNow`: whether to read the list yet. The page passes false while its first result is on its way: opening the
 * database and drawing up to LIST_LIMIT rows took 50–100 ms of the main thread that the first result waited for.
 */
export function useBrowserRuns(experimentId: string, listNow: boolean) {
  const store = useRef<Promise<BrowserRuns> | undefined>(undefined);
  const [keeping, setKeeping] = useState<Keeping>({ kind: 'opening' });
  const [list, setList] = useState<{ runs: KeptRunSummary[]; total: number }>({ runs: [], total: 0 });

  const failed = useCallback((error: unknown) => setKeeping({ kind: 'not-kept', reason: reasonOf(error) }), []);

  /** The run store, opened on first use (keeping a finished run may come before the list is read). */
  const opened = useCallback((): Promise<BrowserRuns> => {
    if (!store.current) {
      store.current = BrowserRuns.open();
      store.current.catch(() => undefined);
    }
    return store.current;
  }, []);

  const refresh = useCallback(async () => {
    setList(await (await opened()).list(experimentId));
  }, [experimentId, opened]);

  useEffect(() => {
    if (!listNow) return;
    // When the page is idle, so that what the reader waits for is drawn first.
    let live = true;
    const cancel = whenIdle(() =>
      opened().then(
        (s) => {
          if (!live) return;
          // Only while still opening: keeping a finished run may have failed already (a full quota), and that stands.
          setKeeping((k) => (k.kind === 'opening' ? { kind: 'kept' } : k));
          s.list(experimentId).then((l) => live && setList(l), (error) => live && failed(error));
        },
        (error) => live && failed(error),
      ),
    );
    return () => {
      live = false;
      cancel();
    };
  }, [experimentId, failed, listNow, opened]);

  // The connection closes with the page's view of it (a reopened view opens it again).
  useEffect(
    () => () => {
      const s = store.current;
      store.current = undefined;
      s?.then((x) => x.close(), () => undefined);
    },
    [],
  );

  /** Keeps a run this page computed. */
  const keep = useCallback(
    async (result: ExperimentResult, ms: number) => {
      try {
        await (await opened()).keep(pageRun(result, ms));
        await refresh();
      } catch (error) {
        failed(error);
      }
    },
    [opened, refresh, failed],
  );

  const open = useCallback(async (uid: string): Promise<ExportedRun | undefined> => (await opened()).get(uid), [opened]);

  const remove = useCallback(
    async (uid: string) => {
      try {
        await (await opened()).remove(uid);
        await refresh();
      } catch (error) {
        failed(error);
      }
    },
    [opened, refresh, failed],
  );

  /** Saves this experiment's kept runs (or every kept run) as an export file. */
  const exportRuns = useCallback(
    async (scope: 'experiment' | 'all') => {
      const runs = await (await opened()).all(scope === 'experiment' ? experimentId : undefined);
      await saveRunsFile(runs, `hw3-runs-${scope === 'experiment' ? experimentId : 'all'}-${new Date().toISOString().slice(0, 10)}.json`);
    },
    [experimentId, opened],
  );

  /** Checks a file and keeps its runs (all or none). */
  const importFile = useCallback(
    async (file: File): Promise<ImportOutcome> => {
      try {
        const runs = await readRunsFile(file);
        const { added, skipped } = await (await opened()).importRuns(runs);
        await refresh();
        return { kind: 'imported', file: file.name, added, skipped, ofThisExperiment: runs.filter((r) => r.result.id === experimentId).length };
      } catch (error) {
        const e = error as { code?: string; allowed?: string };
        return { kind: 'refused', file: file.name, code: e.code ?? 'IMPORT_FAILED', message: reasonOf(error), allowed: e.allowed };
      }
    },
    [experimentId, opened, refresh],
  );

  return { keeping, runs: list.runs, total: list.total, keep, open, remove, exportRuns, importFile };
}
