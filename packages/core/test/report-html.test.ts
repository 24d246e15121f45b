// The hand-in report renderer on its own (the CLI test opens a real report in Chromium): verdicts of every kind,
// error bars only on statistical checks, figures inline, text escaped, nothing that would load from elsewhere.
import { describe, expect, it } from 'vitest';
import { estimateWithStderr, renderReportHtml, runVerdict, type ExperimentResult, type HandInReport, type ReportRun } from '../src/index.js';

const experiment = {
  id: 'demo',
  question: '9z',
  title: 'Demo <b>bold</b> & co',
  summary: 'A summary with "quotes".',
  closedForm: '\\frac{1}{2} < x',
  values: {
    ...estimateWithStderr('slope', { label: 'slope in width', unit: '', meaning: 'A log–log slope.' }),
    count: { label: 'forward steps', unit: 'steps', meaning: 'How many.' },
  },
};

function result(overrides: Partial<ExperimentResult> = {}): ExperimentResult {
  return {
    id: 'demo',
    question: '9z',
    title: experiment.title,
    seed: 7,
    params: { widths: [64, 256], mode: 'fast', lr: 0.001 },
    status: 'complete',
    values: { slope: 1.98, slopeStderr: 0.01, count: 20 },
    checks: [
      { name: 'slope = 2', expected: 2, measured: 1.98, stderr: 0.01, z: -2, zMax: 4, pass: true },
      { name: 'count = 20', expected: 20, measured: 20, pass: true },
    ],
    series: [
      { plot: 'Slope vs width', label: 'measured', x: [64, 256], y: [1.9, 1.98], yLow: [1.8, 1.96], yHigh: [2.0, 2.0], xLabel: 'width', yLabel: 'slope', logX: true },
      { plot: 'Slope vs width', label: 'closed form', x: [64, 256], y: [2, 2], xLabel: 'width', yLabel: 'slope', kind: 'theory' },
    ],
    tables: [{ title: 'Raw', columns: ['width', 'slope'], rows: [[64, 1.9], [256, null]] }],
    ...overrides,
  };
}

const provenance = { codeVersion: 'git v1-2-gabc', wasmSha256: 'ab'.repeat(32), machine: 'Linux x64, 2 × CPU', runtime: 'Node v20', command: 'hw3 report demo', generatedAt: '2026-01-01T00:00:00.000Z' };
const report = (runs: ReportRun[]): HandInReport => ({ seed: 7, runs, provenance });

describe('renderReportHtml', () => {
  it('a passing run: verdict, checks with an error bar only where there is a stderr, values, figure, table, params', () => {
    const html = renderReportHtml(report([{ experiment, result: result(), ms: 1234, preset: 'quick' }]));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('data-verdict="pass"');
    expect(html).toContain('✓ all 2 checks of 1 experiments pass');
    expect(html.match(/<svg class="bar"/g)).toHaveLength(1);
    expect(html).toMatch(/count = 20<\/td><td class="num">20<\/td><td class="num"><\/td><td class="num">20<\/td><td class="test">exact</);
    expect(html).toContain('<th>slope in width<br><span class="muted">A log–log slope.</span></th><td class="num">1.98 ± 0.01</td>');
    expect(html).toContain('<th>forward steps<br><span class="muted">How many.</span></th><td class="num">20 steps</td>');
    expect(html).not.toContain('slopeStderr');
    expect(html.match(/<figure><svg role="img" xmlns="http:\/\/www.w3.org\/2000\/svg"/g)).toHaveLength(1);
    expect(html).toContain('<td class="num">—</td>');
    expect(html).toContain('<code>64, 256</code>');
    expect(html).toContain('preset <code>quick</code>');
    expect(html).toContain('1.2 s');
    expect(html).toContain('ababab');
  });

  it('escapes every text it is given', () => {
    const html = renderReportHtml(report([{ experiment, result: result({ checks: [{ name: '<script>alert(1)</script>', expected: 1, measured: 1, pass: true }] }), ms: 1 }]));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('Demo &#60;b&#62;bold&#60;/b&#62; &#38; co');
    expect(html).toContain('\\frac{1}{2} &#60; x');
  });

  it('loads nothing from anywhere: a CSP that forbids it, and no src/href to another document', () => {
    const html = renderReportHtml(report([{ experiment, result: result(), ms: 1 }]));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/\ssrc=/);
    expect(html.match(/href="([^"]*)"/g)?.every((h) => h.startsWith('href="#'))).toBe(true);
    expect(html).toContain('@media print');
  });

  it('failed checks, cancelled runs and runs that did not run get their own verdicts, and the header says which', () => {
    const failing = result({ checks: [{ name: 'x = 1', expected: 1, measured: 2, tolerance: 0.5, pass: false }] });
    const runs: ReportRun[] = [
      { experiment, result: failing, ms: 1 },
      { experiment: { ...experiment, id: 'stopped' }, result: result({ status: 'cancelled' }), ms: 1 },
      { experiment: { ...experiment, id: 'broken' }, error: 'budget must be at least 7, got 3', params: { budget: 3 }, ms: 1 },
    ];
    expect(runs.map(runVerdict)).toEqual(['fail', 'cancelled', 'error']);
    const html = renderReportHtml(report(runs));
    expect(html).toContain('✗ 3 of 3 experiments did not pass: demo, stopped, broken');
    expect(html).toContain('1 of 1 checks fail');
    expect(html).toContain('|Δ| ≤ 0.5');
    expect(html).toContain('Cancelled: what follows is what finished before the cancel.');
    expect(html).toContain('budget must be at least 7, got 3');
    expect(html).toContain('Parameters asked for');
  });
});
