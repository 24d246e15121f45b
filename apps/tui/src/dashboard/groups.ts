// Experiments grouped by homework question (1a, 1b … → "Question 1"), labs after, keeping registry order.
import type { Experiment } from '@hw3/core';

export interface Group {
  title: string;
  experiments: Experiment[];
}

/** The group an experiment belongs to: its homework problem number, or the labs. */
export function groupTitle(experiment: Experiment): string {
  const problem = /^(\d+)/.exec(experiment.question);
  return problem ? `Question ${problem[1]}` : 'Labs (beyond the homework)';
}

/** Groups in order of first appearance; the labs always come last. */
export function groupExperiments(experiments: readonly Experiment[]): Group[] {
  const groups = new Map<string, Experiment[]>();
  for (const e of experiments) groups.set(groupTitle(e), [...(groups.get(groupTitle(e)) ?? []), e]);
  const all = [...groups.entries()].map(([title, list]) => ({ title, experiments: list }));
  return [...all.filter((g) => g.title.startsWith('Question')), ...all.filter((g) => !g.title.startsWith('Question'))];
}
