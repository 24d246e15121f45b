// A claim verdict as lines: consistent/refuted, how the formula was read, how agreement is decided, notes, and the
// evidence point by point (disagreements first), fitted to the rows available.
import type { ClaimEvidence, ClaimResult } from '@hw3/core';
import { fit } from '@hw3/client/table';
import { line, wrapText, type Line } from '../render/lines.js';
import { formatNumber } from '@hw3/client/format';

const pointText = (e: ClaimEvidence) =>
  Object.entries(e.point)
    .map(([k, v]) => `${k}=${formatNumber(v)}`)
    .join(' ');

export function claimLines(result: ClaimResult, width: number, maxRows: number): Line[] {
  const good = result.verdict === 'consistent';
  const agree = result.evidence.filter((e) => e.agrees).length;
  const lines: Line[] = [
    [
      { text: good ? '✓ consistent' : '✗ refuted', color: good ? 'green' : 'red', bold: true },
      { text: `  ${agree} of ${result.evidence.length} points agree${result.status === 'cancelled' ? ' (cancelled: partial)' : ''}` },
    ],
    [{ text: 'read as  ', dim: true }, { text: result.parsed, color: 'yellow' }],
    ...wrapText(result.threshold.description, width).map((t) => line(t, { dim: true })),
    ...result.notes.flatMap((n) => wrapText(`note: ${n}`, width).map((t) => line(t, { dim: true }))),
  ];
  const pw = Math.min(36, Math.max(5, ...result.evidence.map((e) => pointText(e).length)));
  const stat = result.kind === 'statistical';
  lines.push(
    line(
      `  ${fit('point', pw)} ${fit('claimed', 11, 'right')} ${fit('measured', 11, 'right')}${stat ? ` ${fit('±stderr', 9, 'right')} ${fit('z', 7, 'right')} ${fit('|z| max', 7, 'right')}` : ''}`,
      { dim: true },
    ),
  );
  // Disagreements first: they are the evidence against the claim.
  const ordered = [...result.evidence.filter((e) => !e.agrees), ...result.evidence.filter((e) => e.agrees)];
  const room = Math.max(1, maxRows - lines.length - 1);
  for (const e of ordered.slice(0, room)) {
    lines.push([
      { text: e.agrees ? '✓ ' : '✗ ', color: e.agrees ? 'green' : 'red' },
      { text: `${fit(pointText(e), pw)} ${fit(formatNumber(e.claimed), 11, 'right')} ${fit(formatNumber(e.measured), 11, 'right')}` },
      ...(stat
        ? [{ text: ` ${fit(formatNumber(e.stderr, 2), 9, 'right')} ${fit(e.z === null ? '—' : e.z.toFixed(2), 7, 'right')} ${fit(e.threshold.toFixed(2), 7, 'right')}`, dim: true }]
        : []),
    ]);
  }
  if (ordered.length > room) lines.push(line(`  … ${ordered.length - room} more points agree`, { dim: true }));
  return lines;
}
