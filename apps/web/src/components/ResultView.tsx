'use client';
// Any experiment's result, rendered generically: verdict, values, checks, figures and tables, with exports.
import { useId, useMemo, type CSSProperties } from 'react';
import type { ExperimentResult } from '@hw3/core/experiments/api';
import { describeValues, valueAmountText, valuesTable, type ValueCatalog } from '@hw3/core/lab';
import { alignRow, figureRowsOf } from '../plot-data';
import { formatNumber } from '@hw3/client/format';
import { verdictOf } from '@hw3/client/verdict';
import { resultToJson, saveBlob, tableToCsv } from '../export-files';
import { ChecksTable } from './ChecksTable';
import { DataTable } from './DataTable';
import { Plot } from './Plot';

/** The values as CSV: a header of labels (quantity, value, standard error, unit, meaning) and the raw key last. */
function valuesCsv(result: ExperimentResult, catalog: ValueCatalog): string {
  return tableToCsv({ title: 'values', ...valuesTable(catalog, result.values) });
}

/** `running`: the output so far of a run that goes on (no exports until it ends). */
/** `onReport`: offers the hand-in report (HTML) of this tab's runs. */
/** `catalog`: what each value means (its label, unit and standard error), from the experiment. */
export function ResultView({ result, catalog, ms, running = false, onReport }: { result: ExperimentResult; catalog: ValueCatalog; ms: number | undefined; running?: boolean; onReport?: () => void }) {
  const rows = useMemo(() => figureRowsOf(result.series).map(alignRow), [result]);
  const values = useMemo(() => describeValues(catalog, result.values), [catalog, result]);
  // While it runs, the output so far is judged as complete (what finished); the mark follows the checks that ran.
  const verdict = verdictOf(running ? { ...result, status: 'complete' } : result);
  const failed = verdict.failed;
  const base = `${result.id}-seed${result.seed}`;
  // A page can show several results at once (the current run, a stored one, an opened kept run): ids must differ.
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="result" data-status={running ? 'running' : result.status}>
      <div className="result-head">
        <h2 id={headingId}>{running ? 'Result so far' : 'Result'}</h2>
        <p className={`verdict ${failed === 0 ? 'pass' : 'fail'}`} data-testid={running ? 'partial-verdict' : 'verdict'} role="status">
          <span aria-hidden="true">{`${verdict.mark} `}</span>
          {running && 'so far: '}
          {verdict.text}
        </p>
        <p className="meta">
          seed {result.seed}
          {ms !== undefined && ` · ${Math.round(ms)} ms`}
        </p>
        {!running && (
        // biome-ignore lint/a11y/useSemanticElements: a row of export buttons, not a form: role=group names it without a fieldset's form semantics.
        <span className="export" role="group" aria-label="Export result">
          <button type="button" onClick={() => saveBlob(`${base}.json`, new Blob([resultToJson(result)], { type: 'application/json' }))}>
            JSON
          </button>
          <button type="button" onClick={() => saveBlob(`${base}-values.csv`, new Blob([valuesCsv(result, catalog)], { type: 'text/csv' }))}>
            CSV
          </button>
          {onReport && (
            <button type="button" onClick={onReport} data-testid="report">
              Download report (HTML)
            </button>
          )}
        </span>
        )}
      </div>
      {values.length > 0 && (
        <dl className="values">
          {values.map((v) => (
            <div key={v.key} data-key={v.key}>
              <dt>{v.label}</dt>
              <dd>{valueAmountText(v, formatNumber)}</dd>
              {v.meaning && <dd className="meaning">{v.meaning}</dd>}
            </div>
          ))}
        </dl>
      )}
      <ChecksTable checks={result.checks} />
      {rows.map((row) =>
        row.length === 1 ? (
          <Plot key={row[0]!.title} figure={row[0]!} />
        ) : (
          // Panels of one comparison: side by side on a wide screen, stacked on a narrow one (globals.css).
          <div key={row[0]!.title} className="figure-row" style={{ '--panels': row.length } as CSSProperties}>
            {row.map((f) => (
              <Plot key={f.title} figure={f} />
            ))}
          </div>
        ),
      )}
      {result.tables.map((t, i) => (
        <DataTable key={`${i}-${t.title}`} table={t} />
      ))}
    </section>
  );
}
