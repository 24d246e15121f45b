'use client';
// "Runs kept in this browser" on an experiment page: every complete run the page computes is kept (IndexedDB); the
// experiment's kept runs are listed, one opens at once (no computing), and runs go out and come in as the file the
// terminal's `hw3 runs export` / `hw3 runs import` use. Where the browser refuses storage the page says so and works on.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ExperimentResult } from '@hw3/core/experiments/api';
import type { ExportedRun } from '@hw3/runs/export-format';
import { formatNumber } from '@hw3/client/format';
import { RUN_CODE_VERSION } from '../build-info';
import { downloadReport } from '../hand-in';
import type { ExperimentTexts } from '../session-runs';
import { LIST_LIMIT } from '../browser-runs';
import { useBrowserRuns, type ImportOutcome } from '../use-browser-runs';
import { whenIdle } from '../when-idle';
import { ResultView } from './ResultView';

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${formatNumber(ms / 1000, 3)} s`;
}

// One formatter for every row, with Date#toLocaleString's fields. toLocaleString builds a new Intl.DateTimeFormat on
// each call; the list's 3 calls per row took ~110 ms of the main thread while the page started (Chromium profile).
let dateTimeFormat: Intl.DateTimeFormat | undefined;
function when(iso: string): string {
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return dateTimeFormat.format(new Date(iso));
}

function ImportMessage({ outcome }: { outcome: ImportOutcome }) {
  if (outcome.kind === 'refused') {
    return (
      <div className="notice error" role="alert" data-testid="import-error" data-code={outcome.code}>
        <p>
          <strong>{outcome.code}</strong>: {outcome.message}
        </p>
        {outcome.allowed && <p>Expected: {outcome.allowed}.</p>}
      </div>
    );
  }
  const others = outcome.added + outcome.skipped - outcome.ofThisExperiment;
  return (
    <p className="meta" role="status" data-testid="import-done">
      {outcome.file}: imported {outcome.added} run{outcome.added === 1 ? '' : 's'}
      {outcome.skipped > 0 && `, ${outcome.skipped} already kept`}
      {others > 0 && ` (${others} of other experiments, listed on their pages)`}.
    </p>
  );
}

/** `finished`: the page's latest complete run (kept once, when it appears). `listNow`: see useBrowserRuns. */
export function KeptRuns({ experiment, finished, listNow }: { experiment: ExperimentTexts; finished: { result: ExperimentResult; ms: number } | undefined; listNow: boolean }) {
  const { keeping, runs, total, keep, open, remove, exportRuns, importFile } = useBrowserRuns(experiment.id, listNow);
  const [opened, setOpened] = useState<ExportedRun | undefined>(undefined);
  const [outcome, setOutcome] = useState<ImportOutcome | undefined>(undefined);
  const keptResults = useRef(new WeakSet<ExperimentResult>());

  // Each finished result once (React may run an effect twice for the same value), when the page is idle: storing it
  // must not delay the result's paint.
  useEffect(() => {
    if (finished?.result.status !== 'complete' || keptResults.current.has(finished.result)) return;
    keptResults.current.add(finished.result);
    whenIdle(() => void keep(finished.result, finished.ms));
  }, [finished, keep]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setOutcome(await importFile(file));
    input.value = '';
  };

  const usable = keeping.kind === 'kept';
  return (
    <section aria-labelledby="kept-runs-heading" className="kept-runs" data-testid="kept-runs" data-keeping={keeping.kind} data-total={total}>
      <h2 id="kept-runs-heading">Runs kept in this browser</h2>
      {keeping.kind === 'not-kept' ? (
        <p className="notice" role="status" data-testid="runs-not-kept">
          Runs are not kept in this browser: {keeping.reason}. Everything else on this page works; export a result with its JSON button to keep it.
        </p>
      ) : (
        <p className="meta">
          {total === 0 ? 'No run of this experiment is kept here yet' : `${total} run${total === 1 ? '' : 's'} of this experiment kept here`}
          {total > runs.length && ` (the newest ${LIST_LIMIT} listed; Export gives all)`}. Every complete run is kept (IndexedDB); the file Export writes is the one `hw3 runs import` reads.
        </p>
      )}
      {runs.length > 0 && (
        <div className="scroll">
          <table data-testid="kept-runs-table">
            <thead>
              <tr>
                <th scope="col">when</th>
                <th scope="col">seed</th>
                <th scope="col">parameters</th>
                <th scope="col">checks</th>
                <th scope="col">wall</th>
                <th scope="col">code</th>
                <th scope="col">
                  <span className="sr-only">actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                const params = JSON.stringify(r.params);
                const at = when(r.createdAt);
                return (
                  <tr key={r.uid} data-uid={r.uid}>
                    <td>{at}</td>
                    <td>{r.seed}</td>
                    <td className="params-cell" title={params}>
                      <code>{params}</code>
                    </td>
                    <td>{r.status === 'cancelled' ? `cancelled ${r.checksPassed}/${r.checksTotal}` : r.checksPassed === r.checksTotal ? `✓ ${r.checksPassed}/${r.checksTotal}` : `✗ ${r.checksTotal - r.checksPassed} failed`}</td>
                    <td>{seconds(r.wallMs)}</td>
                    <td>{r.codeVersion === RUN_CODE_VERSION.id ? 'this page’s' : <code title="computed by other code than this page runs">{r.codeVersion}</code>}</td>
                    <td>
                      <button type="button" onClick={async () => setOpened(await open(r.uid))} aria-label={`Open the run of ${at}`}>
                        Open
                      </button>{' '}
                      <button
                        type="button"
                        onClick={() => {
                          if (opened?.uid === r.uid) setOpened(undefined);
                          void remove(r.uid);
                        }}
                        aria-label={`Delete the run of ${at}`}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <button type="button" disabled={!usable || total === 0} onClick={() => void exportRuns('experiment')} data-testid="export-runs">
          Export these runs
        </button>
        <button type="button" disabled={!usable} onClick={() => void exportRuns('all')}>
          Export all kept runs
        </button>
        <label className={`file-button${usable ? '' : ' disabled'}`}>
          Import runs…
          <input type="file" className="sr-only" accept=".json,application/json" disabled={!usable} onChange={(e) => void onFile(e)} data-testid="import-runs" />
        </label>
      </div>
      {outcome && <ImportMessage outcome={outcome} />}
      {opened && (
        <section aria-label="Opened kept run" className="opened-run" data-testid="opened-run" data-uid={opened.uid}>
          <p className="meta">
            Kept run of {when(opened.createdAt)}: computed in {seconds(opened.wallMs)}
            {opened.machine.hostname === 'browser' ? ' in a browser' : ` on ${opened.machine.hostname} (Node ${opened.machine.node})`}, code {opened.code.id}
            {opened.code.id === RUN_CODE_VERSION.id ? ' (this page’s)' : ` (this page runs ${RUN_CODE_VERSION.id}: rerunning may give other numbers)`}.{' '}
            <button type="button" onClick={() => setOpened(undefined)}>
              Close
            </button>
          </p>
          <ResultView catalog={experiment.values} result={opened.result} ms={opened.wallMs} onReport={() => void downloadReport({ experiment, result: opened.result, ms: opened.wallMs })} />
        </section>
      )}
    </section>
  );
}
