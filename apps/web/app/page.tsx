import Link from 'next/link';
import { experiments } from '@hw3/core';
import { groupByQuestion } from '@hw3/client/groups';
import { ExperimentLink } from '../src/components/ExperimentLink';

export default function Home() {
  const groups = groupByQuestion(experiments);
  return (
    <>
      <h1>HW3 Lab explorer</h1>
      <p className="lede">
        Each homework answer is an experiment: it measures the quantity, checks it against the closed form with error bars, and runs right here in your
        browser. Change a parameter, share the address, export the figures.
      </p>
      {groups.map((g) => (
        <section key={g.title} aria-labelledby={`group-${g.kind}-${g.title.replace(/\W+/g, '-')}`} className="group" data-kind={g.kind}>
          <h2 id={`group-${g.kind}-${g.title.replace(/\W+/g, '-')}`}>{g.title}</h2>
          <ul className="cards">
            {g.experiments.map((e) => (
              <li key={e.id}>
                <ExperimentLink id={e.id} className="card">
                  <span className="q">{e.question}</span>
                  <strong>{e.title}</strong>
                  <span>{e.summary}</span>
                </ExperimentLink>
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
