// The verdict of a run in one line, the same words everywhere: `✓ all 7 checks pass`, `✗ 2 of 7 checks fail`,
// `no checks`, or for a cancelled run what finished (never "all pass": the rest did not run).
import type { ExperimentResult } from '@hw3/core/lab';

export interface Verdict {
  /** pass: complete, every check passes; fail: a check fails; cancelled: only part ran; none: complete, no checks. */
  kind: 'pass' | 'fail' | 'cancelled' | 'none';
  /** Checks that ran, and how many of them fail. */
  total: number;
  failed: number;
  /** ✓, ✗, or ■ (cancelled). */
  mark: string;
  /** The words after the mark. */
  text: string;
}

const checks = (n: number) => `${n} check${n === 1 ? '' : 's'}`;

export function verdictOf(result: Pick<ExperimentResult, 'checks' | 'status'>): Verdict {
  const total = result.checks.length;
  const failed = result.checks.filter((c) => !c.pass).length;
  if (result.status === 'cancelled') {
    const ran = total === 0 ? 'no check ran' : `only ${checks(total)} ran (${failed === 0 ? (total === 1 ? 'it passes' : 'they pass') : `${failed} fail${failed === 1 ? 's' : ''}`})`;
    return { kind: 'cancelled', total, failed, mark: '■', text: `cancelled — partial result: ${ran}; the rest did not run` };
  }
  if (failed > 0) return { kind: 'fail', total, failed, mark: '✗', text: `${failed} of ${checks(total)} fail` };
  if (total === 0) return { kind: 'none', total, failed, mark: '✓', text: 'no checks' };
  return { kind: 'pass', total, failed, mark: '✓', text: total === 1 ? 'the 1 check passes' : `all ${total} checks pass` };
}

/** `✓ all 7 checks pass` */
export function verdictText(result: Pick<ExperimentResult, 'checks' | 'status'>): string {
  const v = verdictOf(result);
  return `${v.mark} ${v.text}`;
}
