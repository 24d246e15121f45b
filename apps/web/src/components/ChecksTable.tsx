// Checks as a table: ✓/✗, expected vs measured, and an error bar (measured ± allowed deviation) against the expectation.
import type { Check } from '@hw3/core';
import { checkAllowanceText } from '@hw3/client/checks';
import { formatNumber } from '@hw3/client/format';

/** Half-width of the allowed interval around the measurement: zMax·stderr (statistical) or the tolerance. */
function allowance(c: Check): number | undefined {
  if (c.stderr !== undefined) return (c.zMax ?? 5) * c.stderr;
  return c.tolerance;
}

/** An exact check (a count, a bitwise equality): no standard error and no tolerance, so no error bar to draw. */
const isExact = (c: Check) => c.stderr === undefined && !((c.tolerance ?? 0) > 0);

function ErrorBar({ check }: { check: Check }) {
  const half = allowance(check) ?? 0;
  // Nothing to draw for a measurement that is not a number yet (partial output); the terminal leaves it out too.
  if (![check.expected, check.measured, half].every(Number.isFinite)) return null;
  const lo = Math.min(check.expected, check.measured - half);
  const hi = Math.max(check.expected, check.measured + half);
  const span = hi - lo || Math.abs(check.expected) || 1;
  const pad = span * 0.15;
  const map = (v: number) => 8 + ((v - (lo - pad)) / (span + 2 * pad)) * 144;
  const color = check.pass ? '#1a7f37' : '#d1242f';
  return (
    <svg width="160" height="20" viewBox="0 0 160 20" aria-hidden="true" className="errorbar">
      <line x1={map(check.measured - half)} x2={map(check.measured + half)} y1="10" y2="10" stroke={color} strokeWidth="2" />
      <line x1={map(check.measured - half)} x2={map(check.measured - half)} y1="5" y2="15" stroke={color} strokeWidth="2" />
      <line x1={map(check.measured + half)} x2={map(check.measured + half)} y1="5" y2="15" stroke={color} strokeWidth="2" />
      <circle cx={map(check.measured)} cy="10" r="3.5" fill={color} />
      <line x1={map(check.expected)} x2={map(check.expected)} y1="1" y2="19" stroke="#222" strokeWidth="1.5" strokeDasharray="2 2" />
    </svg>
  );
}

export function ChecksTable({ checks }: { checks: Check[] }) {
  if (checks.length === 0) return null;
  return (
    <div className="scroll">
      <table className="checks">
        <caption>Checks against the closed form (bar: measured ± allowed deviation; dashed: expected)</caption>
        <thead>
          <tr>
            <th scope="col">✓/✗</th>
            <th scope="col">check</th>
            <th scope="col">measured</th>
            <th scope="col">expected</th>
            <th scope="col">allowed error</th>
            <th scope="col">error bar</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c, i) => (
            <tr key={i} className={c.pass ? 'pass' : 'fail'}>
              <td>
                <span aria-hidden="true">{c.pass ? '✓' : '✗'}</span>
                <span className="sr-only">{c.pass ? 'pass' : 'fail'}</span>
              </td>
              <th scope="row">
                {c.name}
                {c.note && <small className="note"> ({c.note})</small>}
              </th>
              <td>{formatNumber(c.measured)}</td>
              <td>{formatNumber(c.expected)}</td>
              <td>{isExact(c) ? 'exact' : checkAllowanceText(c)}
              </td>
              <td>{isExact(c) ? <span className="sr-only">no error bar: exact</span> : <ErrorBar check={c} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
