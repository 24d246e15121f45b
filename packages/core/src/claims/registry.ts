// The questions the claim checker knows, in homework order. Another question (e.g. problem 3's estimators) joins by
// adding its ClaimQuestion to `builtInQuestions` or, at run time, through registerClaimQuestion.
import { InvalidArgumentError } from '../base/errors.js';
import { findExperiment } from '../experiments/registry.js';
import type { ClaimQuestion } from './api.js';
import { fanInOnlyQuestion, rmsAtInitQuestion, signgdUpdateQuestion } from './mup-questions.js';
import { rematBreakEvenQuestion, rematFwdQuestion, rematLoadmemQuestion } from './remat-questions.js';
import { estimatorPathwiseVarianceQuestion, estimatorScoreVarianceQuestion } from './estimator-questions.js';
import { transformerMupShiftQuestion, transformerSpShiftQuestion } from './transformer-questions.js';
import { editDistance } from '../base/edit-distance.js';

const builtInQuestions: ClaimQuestion[] = [
  rmsAtInitQuestion,
  signgdUpdateQuestion,
  fanInOnlyQuestion,
  transformerSpShiftQuestion,
  transformerMupShiftQuestion,
  estimatorScoreVarianceQuestion,
  estimatorPathwiseVarianceQuestion,
  rematFwdQuestion,
  rematLoadmemQuestion,
  rematBreakEvenQuestion,
];

const questions: ClaimQuestion[] = [...builtInQuestions];

/** Every question a claim can be checked against. */
export function claimQuestions(): readonly ClaimQuestion[] {
  return questions;
}

/**
 * Adds (or replaces, by `question`) a question.
 * @throws InvalidArgumentError when it has no variables, an empty grid, or a grid point missing a variable.
 */
export function registerClaimQuestion(question: ClaimQuestion): void {
  if (!/^[0-9a-z][0-9a-z-]*$/i.test(question.question)) throw new InvalidArgumentError('question.question', question.question, 'a short id such as "3a"');
  if (question.grid.length === 0) throw new InvalidArgumentError('question.grid', question.grid, 'a non-empty list of points');
  for (const point of question.grid) {
    for (const v of question.variables) {
      if (!Number.isFinite(point[v.name])) throw new InvalidArgumentError(`question.grid (${v.name})`, point[v.name], 'a finite number at every point');
    }
  }
  const at = questions.findIndex((q) => q.question === question.question);
  if (at >= 0) questions[at] = question;
  else questions.push(question);
}

/** The claim question for a question id ('1b') or an experiment answering exactly one question ('signgd-update'). */
export function findClaimQuestion(key: string): ClaimQuestion | undefined {
  const k = key.trim().toLowerCase();
  const direct = questions.find((q) => q.question.toLowerCase() === k);
  if (direct) return direct;
  const experiment = findExperiment(k);
  if (experiment && !(experiment.parts && experiment.parts.length > 1)) return questions.find((q) => q.question === experiment.question);
  return undefined;
}

/**
 * Like findClaimQuestion, but throws naming the nearest questions.
 * @throws InvalidArgumentError for an unknown question (the message lists the nearest ones).
 */
export function getClaimQuestion(key: string): ClaimQuestion {
  const found = findClaimQuestion(key);
  if (found) return found;
  const k = key.trim().toLowerCase();
  const nearest = questions
    .map((q) => ({ q: q.question, d: editDistance(k, q.question.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((s) => s.q);
  const ambiguous = findExperiment(k);
  const hint = ambiguous?.parts && ambiguous.parts.length > 1 ? `one of ${ambiguous.parts.join(', ')} (${ambiguous.id} answers several)` : `a known question (did you mean ${nearest.join(', ')}?)`;
  throw new InvalidArgumentError('question', key, hint);
}
