// The committed calibration report (docs/calibration.json, written by `hw3 calibrate --report`), rendered at build
// time: per experiment, how often each check failed over many seeds against what its design promises, and its power.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Link from 'next/link';
import type { CalibrationReport, CheckCalibration, Rate } from '@hw3/core';
import { ExperimentLink } from '../../src/components/ExperimentLink';

export const metadata = { title: 'Calibration — HW3 Lab explorer' };

function loadReport(): CalibrationReport | null {
  try {
    // next build and next dev run in apps/web; the report lives at the repository root.
    return JSON.parse(readFileSync(join(process.cwd(), '..', '..', 'docs', 'calibration.json'), 'utf8')) as CalibrationReport;
  } catch {
    return null;
  }
}

const pct = (x: number) => (x === 0 ? '0' : x < 0.001 ? `${(100 * x).toPrecision(2)} %` : `${(100 * x).toFixed(x < 0.1 ? 2 : 1)} %`);
const rate = (r: Rate) => `${r.failures}/${r.runs} (${pct(r.low)} – ${pct(r.high)})`;

function verdict(c: CheckCalibration): string {
  if (c.exceedsDesign) return 'exceeds design';
  if (c.power === null) return 'power not recomputable';
  return c.power.failures === 0 ? 'blind to the perturbation' : 'ok';
}

export default function CalibrationPage() {
  const report = loadReport();
  return (
    <>
      <p>
        <Link href="/">← all experiments</Link>
      </p>
      <h1>Calibration of every check</h1>
      <p className="lede">
        Each experiment ran on many seeds. For every check: how often it failed on this implementation (its false-alarm rate, 95 % Clopper–Pearson
        interval) against the rate its design promises (1/1000 per experiment; 0 for exact checks), and its power — how often it fails when its closed form
        is off by 5 % (× 1.05, or + 0.05 where theory puts it at 0). Regenerate with <code>npm run calibrate</code>.
      </p>
      {report === null || report.experiments.length === 0 ? (
        <p role="status">No calibration report has been committed yet (docs/calibration.json).</p>
      ) : (
        report.experiments.map((e) => (
          <section key={e.id} className="group" aria-labelledby={`cal-${e.id}`}>
            <h2 id={`cal-${e.id}`}>
              <ExperimentLink id={e.id}>{e.id}</ExperimentLink>: {e.title}
            </h2>
            <p>
              Preset {e.preset ?? 'none (defaults)'}, seeds {e.firstSeed}–{e.firstSeed + e.seeds - 1}; runs with a failing check {rate(e.anyFailure)} —{' '}
              {e.exceedsDesign ? <strong>exceeds its design</strong> : 'within its design'}. Ran {e.ranAt.slice(0, 16).replace('T', ' ')}
              {e.commit ? ` on ${e.commit}` : ''}.
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">check</th>
                  <th scope="col">kind</th>
                  <th scope="col">false alarms</th>
                  <th scope="col">promised</th>
                  <th scope="col">power</th>
                  <th scope="col">verdict</th>
                </tr>
              </thead>
              <tbody>
                {e.checks.map((c) => (
                  <tr key={c.name}>
                    <td>{c.name}</td>
                    <td>{c.kind + (c.deterministic ? ', seed-independent' : '')}</td>
                    <td>{rate(c.falseAlarms)}</td>
                    <td>{pct(c.promised)}</td>
                    <td>{c.power === null ? '—' : `${rate(c.power)} at ${c.perturbation}`}</td>
                    <td>{verdict(c)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </>
  );
}
