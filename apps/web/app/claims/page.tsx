import { Suspense } from 'react';
import type { Metadata } from 'next';
import { claimQuestions } from '@hw3/core';
import { EARLY_ATTRIBUTE } from '../../src/early-marker';
import { ClaimChecker, type QuestionInfo } from '../../src/components/ClaimChecker';

export const metadata: Metadata = { title: 'Claim checker', description: 'Test a claimed homework answer against measurements.' };

export default function ClaimsPage() {
  // Read on the server: the page gets the questions as data, not the claim checker's code.
  const questions: QuestionInfo[] = claimQuestions().map(({ question, quantity, kind, variables }) => ({
    question,
    quantity,
    kind,
    variables: variables.map(({ name, description }) => ({ name, description })),
  }));
  return (
    // The marker asks instrumentation-client.ts to start the checker's worker before hydration.
    <article {...{ [EARLY_ATTRIBUTE]: '' }}>
      <h1>Claim checker</h1>
      <p className="lede">
        Type a formula for a homework question. The lab measures the quantity over a grid of sizes and says whether the claim is consistent with the
        measurements or refuted, with the evidence point by point.
      </p>
      <Suspense fallback={<p className="status">Loading…</p>}>
        <ClaimChecker questions={questions} />
      </Suspense>
    </article>
  );
}
