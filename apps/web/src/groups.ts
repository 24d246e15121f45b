// Groups experiments for the home page: homework problems first (in problem order), then the labs.
import type { Experiment } from '@hw3/core';

export interface ExperimentGroup {
  heading: string;
  kind: 'homework' | 'lab';
  items: Experiment[];
}

/** '4a–4c' → '4'; 'lab' or 'mup-lab' → undefined (not a homework question). */
export function homeworkProblem(question: string): string | undefined {
  return /^(\d+)/.exec(question.trim())?.[1];
}

/** Homework problems in numeric order, then one group per lab name, keeping registry order inside each group. */
export function groupExperiments(list: readonly Experiment[]): ExperimentGroup[] {
  const homework = new Map<string, Experiment[]>();
  const labs = new Map<string, Experiment[]>();
  for (const e of list) {
    const problem = homeworkProblem(e.question);
    const map = problem === undefined ? labs : homework;
    const key = problem ?? e.question;
    map.set(key, [...(map.get(key) ?? []), e]);
  }
  const problems = [...homework.entries()].sort((a, b) => Number(a[0]) - Number(b[0]));
  return [
    ...problems.map(([p, items]) => ({ heading: `Problem ${p}`, kind: 'homework' as const, items })),
    ...[...labs.entries()].map(([name, items]) => ({ heading: labHeading(name), kind: 'lab' as const, items })),
  ];
}

function labHeading(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim();
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  return /\blab\b/i.test(title) ? title : `${title} lab`;
}
