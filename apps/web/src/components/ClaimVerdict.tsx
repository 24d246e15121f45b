'use client';
// A claim checker verdict: consistent/refuted, how the formula was read, the decision rule, notes, and the evidence.
import type { ClaimResult } from '@hw3/core';
import { cellText } from '@hw3/client/format';
import { resultToJson, saveBlob, tableToCsv } from '../export-files';

function evidenceTable(result: ClaimResult): { title: string; columns: string[]; rows: (string | number | null)[][] } {
  const vars = [...new Set(result.evidence.flatMap((e) => Object.keys(e.point)))];
  const statistical = result.kind === 'statistical';
  const columns = [...vars, 'claimed', 'measured', ...(statistical ? ['stderr', 'z', '|z| allowed'] : ['tolerance']), 'agrees'];
  const rows = result.evidence.map((e) => [
    ...vars.map((v) => e.point[v] ?? null),
    e.claimed,
    e.measured,
    ...(statistical ? [e.stderr, e.z, e.threshold] : [e.threshold]),
    e.agrees ? '✓' : '✗',
  ]);
  return { title: 'evidence', columns, rows };
}

export function ClaimVerdict({ result }: { result: ClaimResult }) {
  const table = evidenceTable(result);
  const ok = result.verdict === 'consistent';
  return (
    <section className="result" aria-labelledby="verdict-heading">
      <div className="result-head">
        <h2 id="verdict-heading">Verdict</h2>
        <p className={`verdict ${ok ? 'pass' : 'fail'}`} data-testid="verdict" role="status">
          <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
          <code>{result.claim}</code> is {result.verdict}
          {result.status === 'cancelled' && ' (cancelled: over the points measured so far)'}
        </p>
        {/* biome-ignore lint/a11y/useSemanticElements: a row of export buttons, not a form: role=group names it without a fieldset's form semantics. */}
        <span className="export" role="group" aria-label="Export verdict">
          <button type="button" onClick={() => saveBlob(`claim-${result.question}.json`, new Blob([resultToJson(result)], { type: 'application/json' }))}>
            JSON
          </button>
          <button type="button" onClick={() => saveBlob(`claim-${result.question}-evidence.csv`, new Blob([tableToCsv(table)], { type: 'text/csv' }))}>
            CSV
          </button>
        </span>
      </div>
      <p>
        Question {result.question}: {result.quantity}. Read as <code>{result.parsed}</code>. {result.threshold.description}
      </p>
      {result.notes.length > 0 && (
        <ul>
          {result.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: a scrollable region must take keyboard focus to scroll (WCAG 2.1.1); role=region names it. */}
      <div className="scroll" tabIndex={0} role="region" aria-label="Evidence">
        <table className="evidence">
          <caption>Evidence: the claim against the measurement at each point (seed {result.seed})</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i} className={result.evidence[i]?.agrees ? 'pass' : 'fail'}>
                {r.map((v, j) => (
                  <td key={j}>{cellText(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
