// One number rule for every renderer (and the hand-in report): the same check prints the same digits everywhere.
import { formatReportNumber } from '@hw3/core/report';
import { describe, expect, it } from 'vitest';
import { cellText, formatDuration, formatNumber } from '../src/format.js';
import { checkAllowanceText } from '../src/checks.js';
import { resultTableLines, textTable, visibleWidth } from '../src/table.js';
import { valueRows } from '../src/values.js';
import { verdictOf, verdictText } from '../src/verdict.js';

describe('formatNumber', () => {
  it.each([
    [20, '20'],
    [0, '0'],
    [0.99721234, '0.99721'],
    [0.00012345678, '0.00012346'],
    [0.000012345678, '1.2346e-5'],
    [12345678.9, '1.2346e+7'],
    [-3.5, '-3.5'],
    [null, '—'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('%s → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('is the hand-in report’s rule', () => {
    for (const v of [1e-9, 1.23456789, 2.5e-4, 9.99e-5, 1e7, 123456.789]) expect(formatNumber(v)).toBe(formatReportNumber(v));
  });

  it('formats cells and durations', () => {
    expect(cellText(null)).toBe('—');
    expect(cellText('text')).toBe('text');
    expect(cellText(1 / 3)).toBe('0.33333');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('tables', () => {
  it('pads columns, aligns, ignores colour codes in widths and trims line ends', () => {
    const lines = textTable(
      [
        ['name', 'value'],
        ['\u001b[32m✓\u001b[39m a', '1'],
        ['bbb', '22'],
      ],
      { align: ['left', 'right'] },
    );
    expect(lines.map(visibleWidth)).toEqual([11, 11, 11]);
    expect(lines[2]).toBe('bbb      22');
  });

  it('cuts wide cells and right-aligns numeric columns of a result table', () => {
    const t = resultTableLines({ title: 't', columns: ['k', 'fwd'], rows: [['every-k', 20], ['x'.repeat(40), null]] }, 10);
    expect(t.header).toBe('k           fwd');
    expect(t.rule).toBe('──────────  ───');
    expect(t.rows).toEqual(['every-k      20', 'xxxxxxxxx…    —']);
  });
});

describe('values, checks and verdicts', () => {
  it('folds a standard error into its value', () => {
    expect(valueRows({ unknown: null, unknownStderr: null })).toEqual([{ key: 'unknown', label: 'unknown', value: null, stderr: null, text: '—' }]);
    expect(valueRows({ slope: 0.99721234, slopeStderr: 0.0017123, fwd: 20, loneStderr: 1 })).toEqual([
      { key: 'slope', label: 'slope', value: 0.99721234, stderr: 0.0017123, text: '0.99721 ± 0.0017' },
      { key: 'fwd', label: 'fwd', value: 20, text: '20' },
      { key: 'loneStderr', label: 'loneStderr', value: 1, text: '1' },
    ]);
  });

  it('says how much error a check allows', () => {
    expect(checkAllowanceText({ name: 'a', expected: 1, measured: 1.01, stderr: 0.00213, z: 1.534, zMax: 5, pass: true })).toBe('± 0.0021 z 1.5/5');
    expect(checkAllowanceText({ name: 'b', expected: 1, measured: 1, tolerance: 1e-9, pass: true })).toBe('tol 1e-9');
    expect(checkAllowanceText({ name: 'c', expected: 20, measured: 20, pass: true })).toBe('exact');
  });

  const check = (pass: boolean) => ({ name: 'c', expected: 1, measured: 1, pass });
  it('words the verdict the same way everywhere', () => {
    expect(verdictText({ status: 'complete', checks: [check(true), check(true)] })).toBe('✓ all 2 checks pass');
    expect(verdictText({ status: 'complete', checks: [check(false), check(true), check(true)] })).toBe('✗ 1 of 3 checks fail');
    expect(verdictText({ status: 'complete', checks: [] })).toBe('✓ no checks');
    expect(verdictOf({ status: 'cancelled', checks: [check(true)] })).toMatchObject({ kind: 'cancelled', total: 1, failed: 0 });
    expect(verdictText({ status: 'cancelled', checks: [] })).toBe('■ cancelled — partial result: no check ran; the rest did not run');
  });
});
