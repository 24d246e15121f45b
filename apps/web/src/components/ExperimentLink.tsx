// A link to an experiment's page. Next's <Link> navigates inside the current document, which keeps that document's
// headers; a page that must be cross-origin isolated (src/isolation.ts) has to be a document of its own, so its link
// is a plain anchor and the browser loads it from the server.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { isIsolatedPage } from '../isolation';

export function ExperimentLink({ id, className, children }: { id: string; className?: string; children: ReactNode }) {
  const href = `/experiments/${id}/`;
  return isIsolatedPage(id) ? (
    <a href={href} className={className}>
      {children}
    </a>
  ) : (
    <Link href={href} className={className}>
      {children}
    </Link>
  );
}
