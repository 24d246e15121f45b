// Which pages `next start` serves cross-origin isolated. Isolation is what lets a training run's worker share its
// WebAssembly memory with a second kernel thread, and it has a price on every page that asks for it: COOP same-origin
// makes Chromium put the page in a renderer process of its own, so a visit in a new tab waits for one to start. In
// Chromium 156 on the 2-core machine (load about 3), over 6 cold visits of 1b's page in new tabs with the headers and
// 6 without, alternated: the page asked for its first script at 202–295 ms with them and at 97–124 ms without, and
// showed its first result at 1 328–1 610 ms with them and at 1 140–1 407 ms without. Only the experiments that can use a
// second thread (those with a `threads` parameter) pay it; every other page is served without the headers.
import { experiments, findExperiment, paramFields, type Experiment } from '@hw3/core';
import { offersThreads } from './thread-choice';

/** Whether this experiment's runs can take a second kernel thread, which needs a cross-origin-isolated page. */
export function runsKernelThreads(experiment: Experiment): boolean {
  return offersThreads(paramFields(experiment));
}

/** Whether the page of the experiment with this id is served cross-origin isolated (false for unknown ids). */
export function isIsolatedPage(experimentId: string): boolean {
  const experiment = findExperiment(experimentId);
  return experiment !== undefined && runsKernelThreads(experiment);
}

const isolation = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

/**
 * next.config.ts's header rules: the isolated experiments' pages, and the scripts under /_next/ (a worker started by
 * an isolated page is isolated only when its own script is served with COEP; on other pages the headers of a script
 * change nothing, since everything is same-origin).
 */
export function isolationRules(): { source: string; headers: { key: string; value: string }[] }[] {
  const ids = experiments.filter(runsKernelThreads).map((e) => e.id);
  return [
    { source: `/experiments/:id(${ids.join('|')})/:rest*`, headers: isolation },
    { source: '/_next/:path*', headers: isolation },
  ];
}
