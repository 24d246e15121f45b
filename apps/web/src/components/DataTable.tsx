'use client';
// One result table, long ones folded to their first rows, with a CSV export.
import { useState } from 'react';
import type { Table } from '@hw3/core';
import { cellText } from '@hw3/client/format';
import { saveBlob, slug, tableToCsv } from '../export-files';

const FOLD = 25;

export function DataTable({ table }: { table: Table }) {
  const [all, setAll] = useState(false);
  const rows = all ? table.rows : table.rows.slice(0, FOLD);
  return (
    <section className="table-block">
      <div className="table-head">
        <h3>{table.title}</h3>
        <button type="button" onClick={() => saveBlob(`${slug(table.title)}.csv`, new Blob([tableToCsv(table)], { type: 'text/csv' }))}>
          CSV
        </button>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: a scrollable region must take keyboard focus to scroll (WCAG 2.1.1); role=region names it. */}
      <div className="scroll" tabIndex={0} role="region" aria-label={table.title}>
        <table>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} scope="col">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((v, j) => (
                  <td key={j}>{cellText(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.rows.length > FOLD && (
        <button type="button" className="link" onClick={() => setAll(!all)}>
          {all ? `Show the first ${FOLD} rows` : `Show all ${table.rows.length} rows`}
        </button>
      )}
    </section>
  );
}
