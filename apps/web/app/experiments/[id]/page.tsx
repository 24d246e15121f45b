import { Suspense } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { experiments, findExperiment } from '@hw3/core';
import { ExperimentView } from '../../../src/components/ExperimentView';
import { EARLY_ATTRIBUTE } from '../../../src/early-marker';
import { formSpec } from '../../../src/form-spec';
import { Prose, Tex } from '../../../src/components/Tex';

// One page per registered experiment, generated at build time; unknown ids are 404s.
export const dynamicParams = false;

export function generateStaticParams(): { id: string }[] {
  return experiments.map((e) => ({ id: e.id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const experiment = findExperiment((await params).id);
  return experiment ? { title: `${experiment.question}: ${experiment.title}`, description: experiment.summary } : {};
}

export default async function ExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const experiment = experiments.find((e) => e.id === id);
  if (!experiment) notFound();
  return (
    // The marker asks instrumentation-client.ts to start the worker and load this experiment before hydration.
    <article className="experiment" {...{ [EARLY_ATTRIBUTE]: experiment.id }}>
      <p className="crumbs">
        <Link href="/" prefetch={false}>
          All experiments
        </Link>{' '}
        · question {experiment.question}
        {experiment.parts && experiment.parts.length > 0 && ` (parts ${experiment.parts.join(', ')})`}
      </p>
      <h1>{experiment.title}</h1>
      <p className="lede">{experiment.summary}</p>
      <section aria-label="Closed form" className="closed-form">
        <Tex tex={experiment.closedForm} display />
      </section>
      <details className="explanation" open>
        <summary>Why</summary>
        <Prose text={experiment.explanation} />
      </details>
      <Suspense fallback={<p className="status">Loading the parameter form…</p>}>
        <ExperimentView
          texts={{ id: experiment.id, question: experiment.question, title: experiment.title, summary: experiment.summary, closedForm: experiment.closedForm, values: experiment.values }}
          form={formSpec(experiment)}
        />
      </Suspense>
    </article>
  );
}
