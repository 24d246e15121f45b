import Link from 'next/link';
import { experiments } from '@hw3/core';
import { groupExperiments } from '../src/groups';

export default function Home() {
  const groups = groupExperiments(experiments);
  return (
    <>
      <h1>HW3 Lab explorer</h1>
      <p className="lede">
        Each homework answer is an experiment: it measures the quantity, checks it against the closed form with error bars, and runs right here in your
        browser. Change a parameter, share the address, export the figures.
      </p>
      {groups.map((g) => (
        <section key={g.heading} aria-labelledby={`group-${g.heading}`} className="group" data-kind={g.kind}>
          <h2 id={`group-${g.heading}`}>
            {g.heading}
            {g.kind === 'lab' && <span className="tag">beyond the homework</span>}
          </h2>
          <ul className="cards">
            {g.items.map((e) => (
              <li key={e.id}>
                <Link href={`/experiments/${e.id}/`} className="card">
                  <span className="q">{e.question}</span>
                  <strong>{e.title}</strong>
                  <span>{e.summary}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="group">
        <h2>Check a claimed answer</h2>
        <p>
          Type a formula for a homework question and the <Link href="/claims/">claim checker</Link> tests it against measurements.
        </p>
      </section>
      <section className="group">
        <h2>How far to trust a ✓ or ✗</h2>
        <p>
          The <Link href="/calibration/">calibration report</Link> gives every check&apos;s false-alarm rate over many seeds and its power.
        </p>
      </section>
    </>
  );
}
