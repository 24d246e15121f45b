// The hand-in report: one self-contained HTML file with every chosen experiment's verdict, its checks with error
// bars, figures as inline SVG, parameters, seed, and where the numbers came from (code version, kernels' hash,
// machine). No scripts, fonts, images or styles from anywhere else — a Content-Security-Policy in the file forbids
// them — so it reads the same offline, years later, and prints to PDF (see REPORT_CSS).
// Pure string building with no Node or DOM APIs: the CLI (`hw3 report`) and the browser explorer both call it.
import type { Check, ExperimentResult, Table } from '../lab/contract.js';
import { describeValues, valueAmountText, type ValueCatalog } from '../lab/value-info.js';
import { alignRow, figureRowsOf, type AlignedFigure, type Figure } from '../figures/align.js';
import { figureToSvg } from '../figures/svg.js';
import { escapeHtml as esc, formatMs, formatReportNumber as num, formatReportValue } from './format.js';
import { REPORT_CSS } from './style.js';

/** The texts of an experiment that the report shows above its results (an {@link Experiment} has them all). */
export interface ReportExperiment {
  id: string;
  question: string;
  title: string;
  summary: string;
  /** The closed form being checked, TeX (shown as source: the report loads no maths fonts). */
  closedForm: string;
  /** What each value means: values are shown by label and unit, never by key. */
  values: ValueCatalog;
}

/** One experiment as it ran for the report. */
export interface ReportRun {
  experiment: ReportExperiment;
  /** The named preset its parameters started from (e.g. 'quick'), if any. */
  preset?: string;
  /** The result: complete, or cancelled with what finished. Absent when the run failed. */
  result?: ExperimentResult;
  /** Why the run failed (e.g. rejected parameters), when it did. */
  error?: string;
  /** The parameters asked for, shown when the run failed before producing a result. */
  params?: Record<string, unknown>;
  /** Wall-clock time of the run, milliseconds. */
  ms: number;
}

/** Where the numbers came from. */
export interface ReportProvenance {
  /** The code version: `git describe` output, or the package version when there is no git checkout. */
  codeVersion: string;
  /** SHA-256 (hex) of the WebAssembly kernels that computed every measurement. */
  wasmSha256: string;
  /** The machine: OS, CPU model and count, memory — or the browser's user agent. */
  machine: string;
  /** The JavaScript runtime, e.g. `Node v20.20.2`. */
  runtime: string;
  /** How the report was produced, e.g. `hw3 report --seed 1`. */
  command: string;
  /** When the report was written, ISO 8601. */
  generatedAt: string;
}

/** Everything a report shows. */
export interface HandInReport {
  /** Heading and document title (default "HW3 Lab — results"). */
  title?: string;
  /** The seed every run used. */
  seed: number;
  /** Which set ran and how to run another, one sentence under the heading. */
  setDescription?: string;
  runs: ReportRun[];
  provenance: ReportProvenance;
}

/** A run's verdict: every check passed, one failed, it was cancelled, or it failed to run. */
export type RunVerdict = 'pass' | 'fail' | 'cancelled' | 'error';

/** The verdict of one run (a run without checks passes only when it completed). */
export function runVerdict(run: ReportRun): RunVerdict {
  if (!run.result) return 'error';
  if (run.result.checks.some((c) => !c.pass)) return 'fail';
  return run.result.status === 'cancelled' ? 'cancelled' : 'pass';
}

const VERDICT_TEXT: Record<RunVerdict, string> = { pass: '✓ pass', fail: '✗ fail', cancelled: '◌ cancelled', error: '✗ did not run' };

/** A small error bar: the accepted region (expected ± zMax·stderr) shaded, measured ± 2 stderr, expected as a tick. */
function errorBarSvg(check: Check): string {
  const se = check.stderr;
  const { measured: m, expected: e } = check;
  if (se === undefined || !(se > 0) || !Number.isFinite(m) || !Number.isFinite(e)) return '';
  const zMax = check.zMax ?? 5;
  const W = 160;
  const H = 16;
  const scale = Math.max(Math.abs(m - e) + 2 * se, zMax * se) * 1.1;
  const x = (v: number) => (W / 2 + ((v - e) / scale) * (W / 2 - 2)).toFixed(1);
  const color = check.pass ? 'var(--ok)' : 'var(--bad)';
  return (
    `<svg class="bar" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="measured ${esc(num(m))} ± 2×${esc(num(se, 2))}, expected ${esc(num(e))}">` +
    `<rect x="${x(e - zMax * se)}" y="3" width="${(Number(x(e + zMax * se)) - Number(x(e - zMax * se))).toFixed(1)}" height="${H - 6}" fill="#d0d7de" fill-opacity="0.6"/>` +
    `<line x1="${x(m - 2 * se)}" x2="${x(m + 2 * se)}" y1="${H / 2}" y2="${H / 2}" stroke="${color}" stroke-width="2"/>` +
    `<line x1="${x(m - 2 * se)}" x2="${x(m - 2 * se)}" y1="4" y2="${H - 4}" stroke="${color}" stroke-width="1.5"/>` +
    `<line x1="${x(m + 2 * se)}" x2="${x(m + 2 * se)}" y1="4" y2="${H - 4}" stroke="${color}" stroke-width="1.5"/>` +
    `<line x1="${x(e)}" x2="${x(e)}" y1="1" y2="${H - 1}" stroke="#1f2328" stroke-width="1.5"/>` +
    `<circle cx="${x(m)}" cy="${H / 2}" r="3" fill="${color}"/></svg>`
  );
}

/** The test a check applied: z against its bound for statistical checks, the tolerance or "exact" otherwise. */
function checkTest(check: Check): string {
  if (check.stderr !== undefined) return `z = ${num(check.z ?? NaN, 3)}, |z| ≤ ${num(check.zMax ?? NaN, 3)}`;
  if (check.tolerance !== undefined && check.tolerance > 0) return `|Δ| ≤ ${num(check.tolerance, 2)}`;
  return 'exact';
}

function checksTable(checks: readonly Check[]): string {
  const rows = checks.map((c) => {
    const mark = `<span class="mark ${c.pass ? 'pass' : 'fail'}">${c.pass ? '✓' : '✗'}</span>`;
    const stderr = c.stderr !== undefined ? `± ${esc(num(c.stderr, 2))}` : '';
    const note = c.note ? `<br><span class="muted">${esc(c.note)}</span>` : '';
    return (
      `<tr class="${c.pass ? 'pass' : 'fail'}"><td>${mark}</td><td>${esc(c.name)}${note}</td><td class="num">${esc(num(c.measured))}</td>` +
      `<td class="num">${stderr}</td><td class="num">${esc(num(c.expected))}</td><td class="test">${esc(checkTest(c))}</td><td>${errorBarSvg(c)}</td></tr>`
    );
  });
  return (
    '<table class="checks"><thead><tr><th></th><th>check</th><th class="num">measured</th><th class="num">± stderr</th>' +
    '<th class="num">expected</th><th>test</th><th>measured ± 2 stderr · expected │ · accepted ░</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** Headline values by label, each with its standard error folded in as "± …" and its unit; the meaning below. */
function valuesTable(catalog: ValueCatalog, values: ExperimentResult['values']): string {
  const rows = describeValues(catalog, values).map(
    (v) =>
      `<tr><th>${esc(v.label)}${v.meaning ? `<br><span class="muted">${esc(v.meaning)}</span>` : ''}</th>` +
      `<td class="num">${esc(valueAmountText(v, num))}</td></tr>`,
  );
  return rows.length ? `<table class="kv values">${rows.join('')}</table>` : '<p class="muted">(none)</p>';
}

function paramsTable(params: Record<string, unknown>): string {
  const rows = Object.entries(params).map(([k, v]) => `<tr><th>${esc(k)}</th><td><code>${esc(formatReportValue(v))}</code></td></tr>`);
  return rows.length ? `<table class="kv params">${rows.join('')}</table>` : '<p class="muted">(no parameters)</p>';
}

function dataTable(table: Table): string {
  const head = table.columns.map((c, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(c)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${i > 0 ? ' class="num"' : ''}>${esc(typeof cell === 'number' ? num(cell) : (cell ?? '—'))}</td>`).join('')}</tr>`)
    .join('');
  return `<h4>${esc(table.title)}</h4><table class="data"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function figureHtml(figure: Figure, aligned: AlignedFigure): string {
  const caption = `${figure.series.length} series; ${aligned.logX ? 'log' : 'linear'} x, ${aligned.logY ? 'log' : 'linear'} y; bands are the series' error bands, dashed lines closed forms${aligned.yExtent ? '; the panels of this row share one y range' : ''}.`;
  return `<figure>${figureToSvg(aligned).replace(/^<svg /, '<svg role="img" ')}<figcaption>${esc(caption)}</figcaption></figure>`;
}

/** Each row of figures; a row of panels (a `group`) sits side by side on wide screens and on paper. */
function figuresHtml(result: ExperimentResult): string {
  return figureRowsOf(result.series)
    .map((row) => {
      const aligned = alignRow(row);
      const figures = row.figures.map((f, i) => figureHtml(f, aligned[i]!)).join('');
      return row.figures.length > 1 ? `<div class="figure-row" style="--panels: ${row.figures.length}">${figures}</div>` : figures;
    })
    .join('');
}

const anchor = (id: string) => `exp-${id.replace(/[^a-z0-9-]/gi, '-')}`;

function runSection(run: ReportRun, seed: number): string {
  const { experiment: e, result } = run;
  const verdict = runVerdict(run);
  const failed = result ? result.checks.filter((c) => !c.pass).length : 0;
  const countText = result ? (failed === 0 ? `all ${result.checks.length} checks pass` : `${failed} of ${result.checks.length} checks fail`) : 'no result';
  const parts: string[] = [
    `<section class="experiment" id="${anchor(e.id)}" data-experiment="${esc(e.id)}" data-verdict="${verdict}">`,
    `<h2>${esc(e.question)} · ${esc(e.title)}</h2>`,
    `<p><span class="verdict ${verdict}">${VERDICT_TEXT[verdict]}</span> <span class="muted">${esc(countText)} · <code>${esc(e.id)}</code> · seed ${result?.seed ?? seed} · ${esc(formatMs(run.ms))}${run.preset ? ` · preset <code>${esc(run.preset)}</code>` : ''}</span></p>`,
    `<p>${esc(e.summary)}</p>`,
    `<h3>Closed form</h3><code class="tex">${esc(e.closedForm)}</code>`,
  ];
  if (!result) {
    parts.push(`<h3>Error</h3><p class="mark fail">${esc(run.error ?? 'the run failed')}</p>`);
    if (run.params) parts.push('<h3>Parameters asked for</h3>', paramsTable(run.params));
    parts.push('</section>');
    return parts.join('\n');
  }
  if (result.status === 'cancelled') parts.push('<p class="verdict cancelled">Cancelled: what follows is what finished before the cancel.</p>');
  parts.push('<h3>Checks</h3>', result.checks.length ? checksTable(result.checks) : '<p class="muted">(no checks)</p>');
  parts.push('<h3>Values</h3>', valuesTable(e.values, result.values));
  const figures = figuresHtml(result);
  if (figures) parts.push('<h3>Figures</h3>', figures);
  if (result.tables.length) parts.push('<h3>Tables</h3>', ...result.tables.map(dataTable));
  parts.push('<h3>Parameters</h3>', paramsTable(result.params), '</section>');
  return parts.join('\n');
}

/** The report as one self-contained HTML document (UTF-8). */
export function renderReportHtml(report: HandInReport): string {
  const title = report.title ?? 'HW3 Lab — results';
  const verdicts = report.runs.map(runVerdict);
  const checks = report.runs.flatMap((r) => r.result?.checks ?? []);
  const notPassing = report.runs.filter((_, i) => verdicts[i] !== 'pass').map((r) => r.experiment.id);
  const overall =
    notPassing.length === 0
      ? `<span class="verdict pass">✓ all ${checks.length} checks of ${report.runs.length} experiments pass</span>`
      : `<span class="verdict fail">✗ ${notPassing.length} of ${report.runs.length} experiments did not pass: ${esc(notPassing.join(', '))}</span>`;
  const p = report.provenance;
  const provenance = [
    ['seed', String(report.seed)],
    ['code version', p.codeVersion],
    ['WebAssembly kernels (SHA-256)', p.wasmSha256],
    ['machine', p.machine],
    ['runtime', p.runtime],
    ['command', p.command],
    ['written', p.generatedAt],
  ]
    .map(([k, v]) => `<tr><th>${esc(k!)}</th><td><code>${esc(v!)}</code></td></tr>`)
    .join('');
  const contents = report.runs
    .map((r, i) => `<li><a href="#${anchor(r.experiment.id)}">${esc(r.experiment.question)} · ${esc(r.experiment.title)}</a> — <span class="mark ${verdicts[i] === 'pass' ? 'pass' : 'fail'}">${VERDICT_TEXT[verdicts[i]!]}</span></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="HW3 Lab">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="report">
<h1>${esc(title)}</h1>
<p>UC Berkeley EECS 182, homework 3: each answer measured in WebAssembly and checked against its closed form. A ✓ means the
measurement agrees with the closed form within the stated error; a ✗ means it does not.</p>
<p>${overall}</p>
${report.setDescription ? `<p class="muted">${esc(report.setDescription)}</p>` : ''}
<h3>Provenance</h3>
<table class="kv provenance">${provenance}</table>
<p class="muted">Same code version, seed and parameters give the same numbers, in Node and in browsers. Statistical checks
show measured ± its Monte Carlo standard error; exact checks compare with a tolerance or exactly.</p>
</header>
<nav class="contents"><h3>Experiments</h3><ol>${contents}</ol></nav>
<main>
${report.runs.map((r) => runSection(r, report.seed)).join('\n')}
</main>
</body>
</html>
`;
}
