// Every registered experiment, in the order apps list them (homework order, then the labs).
import type { Experiment } from './api.js';
import { InvalidArgumentError } from '../errors.js';
import { rematExperiment } from './remat.js';

export const experiments: readonly Experiment[] = [rematExperiment as unknown as Experiment];

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The experiment with this id, question or homework part (e.g. 'remat', '4b'), or undefined. */
export function findExperiment(key: string): Experiment | undefined {
  const k = key.trim().toLowerCase();
  return experiments.find((e) => e.id === k || e.question.toLowerCase() === k || (e.parts ?? []).includes(k));
}

/** Ids and parts closest to an unknown key, nearest first. */
export function suggestExperiments(key: string, count = 3): string[] {
  const names = experiments.flatMap((e) => [e.id, ...(e.parts ?? [])]);
  return names
    .map((name) => ({ name, d: editDistance(key.toLowerCase(), name) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map((s) => s.name);
}

/** Like findExperiment, but throws a typed error naming the nearest ids. */
export function getExperiment(key: string): Experiment {
  const found = findExperiment(key);
  if (!found) throw new InvalidArgumentError('experiment', key, `a known experiment id or question (did you mean ${suggestExperiments(key).join(', ')}?)`);
  return found;
}
