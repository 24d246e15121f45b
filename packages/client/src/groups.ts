// Experiments grouped by homework question: "Question 1" holds 1a, 1b, 1c (the experiment contract, the CLI's
// `hw3 check <question>` and the claim checker all say "question"), in question order, keeping registry order inside
// a group; the labs (beyond the homework) come last, in one group.
import type { Experiment } from '@hw3/core/lab';

export interface ExperimentGroup {
  /** `Question 4`, or `Labs (beyond the homework)`. */
  title: string;
  kind: 'homework' | 'lab';
  experiments: Experiment[];
}

export const LABS_TITLE = 'Labs (beyond the homework)';

/** The homework question an experiment answers ('4a–4c' → 4), or undefined for a lab. */
export function questionNumber(question: string): number | undefined {
  const match = /^\s*(\d+)/.exec(question);
  return match ? Number(match[1]) : undefined;
}

/** The title of the group an experiment belongs to. */
export function groupTitle(experiment: Pick<Experiment, 'question'>): string {
  const n = questionNumber(experiment.question);
  return n === undefined ? LABS_TITLE : `Question ${n}`;
}

/** Homework questions in numeric order, then the labs. */
export function groupByQuestion(experiments: readonly Experiment[]): ExperimentGroup[] {
  const questions = new Map<number, Experiment[]>();
  const labs: Experiment[] = [];
  for (const e of experiments) {
    const n = questionNumber(e.question);
    if (n === undefined) labs.push(e);
    else questions.set(n, [...(questions.get(n) ?? []), e]);
  }
  const groups: ExperimentGroup[] = [...questions.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, list]) => ({ title: `Question ${n}`, kind: 'homework', experiments: list }));
  if (labs.length > 0) groups.push({ title: LABS_TITLE, kind: 'lab', experiments: labs });
  return groups;
}
