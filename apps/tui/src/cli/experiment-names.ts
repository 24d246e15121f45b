// What an experiment argument accepts, in words, for messages (hw3 run <experiment>, npm start -- --only).
import { experiments } from '@hw3/core';

/** Every experiment id and homework part, e.g. `rms-at-init, 1a, signgd-update, 1b, …`. */
export function knownExperiments(): string {
  return `an experiment id or question: ${[...new Set(experiments.flatMap((e) => [e.id, ...(e.parts ?? [e.question])]))].join(', ')}`;
}
