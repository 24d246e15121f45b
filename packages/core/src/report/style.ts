// The hand-in report's stylesheet, inlined into the file: system fonts only (nothing to download), readable on
// screen, and a print layout (A4, no navigation, sections kept together where they fit) for "Print to PDF".
/** The report's stylesheet (screen and print). */
export const REPORT_CSS = `
:root { color-scheme: light; --ok: #1a7f37; --bad: #d1242f; --warn: #9a6700; --muted: #57606a; --rule: #d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328;
  max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 0 0 .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
p { margin: .4rem 0; }
code, .tex { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
.tex { display: block; white-space: pre-wrap; background: #f6f8fa; border: 1px solid var(--rule); border-radius: 4px; padding: .35rem .6rem; }
.muted { color: var(--muted); }
.verdict { display: inline-block; font-weight: 600; border-radius: 999px; padding: .05rem .7rem; border: 1px solid currentColor; }
.verdict.pass { color: var(--ok); } .verdict.fail { color: var(--bad); } .verdict.cancelled, .verdict.error { color: var(--warn); }
.mark.pass { color: var(--ok); } .mark.fail { color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; font-size: .92em; }
th, td { text-align: left; padding: .22rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; background: #f6f8fa; }
td.test { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.fail td { background: #fff5f5; }
table.kv th { width: 14rem; background: none; }
.bar { display: block; }
figure { margin: .8rem 0; }
figure svg { width: 100%; max-width: 44rem; height: auto; display: block; border: 1px solid var(--rule); }
figcaption { font-size: .85em; color: var(--muted); }
.figure-row figure svg { max-width: none; }
@media (min-width: 1100px) { .figure-row { display: grid; grid-template-columns: repeat(var(--panels), minmax(0, 1fr)); gap: 0 1rem; } }
section.experiment { border-top: 2px solid var(--rule); padding-top: 1rem; margin-top: 2rem; }
nav ol { padding-left: 1.4rem; } nav li { margin: .1rem 0; }
header.report { border-bottom: 2px solid #1f2328; padding-bottom: .8rem; margin-bottom: 1rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.contents { display: none; }
  section.experiment { break-before: page; border-top: none; margin-top: 0; }
  figure, table.checks tr, table.kv { break-inside: avoid; }
  .figure-row { display: grid; grid-template-columns: repeat(var(--panels), minmax(0, 1fr)); gap: 0 .6rem; break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
