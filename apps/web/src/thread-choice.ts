// The explorer's kernel-threads choice, for experiments with a `threads` parameter (the training runs): 2 by default
// where this page can run a kernel thread (cross-origin isolated, `next start`), else 1; an address asking for 2 where
// none can run is read as 1, with the reason. Runs in the experiment worker, where the check is made.
import { kernelThreadsSupport } from '@hw3/core/base';
import type { ParamField } from '@hw3/core/experiments/params';
import type { QueryState } from './url-state';

const FIELD = 'threads';

/** `reading` with the threads this page runs (and `threads`: what the page says about them), or unchanged. */
export function chooseThreads(reading: QueryState, fields: readonly ParamField[], query: URLSearchParams): QueryState & { threads?: string } {
  if (!fields.some((f) => f.name === FIELD)) return reading;
  const support = kernelThreadsSupport();
  const set = (threads: 1 | 2) => {
    reading.params[FIELD] = threads;
    reading.texts.set(FIELD, String(threads));
  };
  if (support.available) {
    if (!query.has(FIELD)) set(2);
    return { ...reading, threads: 'Two kernel threads can share each training step on this page (it is cross-origin isolated); the results are the same bits with 1 or 2.' };
  }
  if (reading.params[FIELD] === 2) {
    set(1);
    reading.problems.push(`threads = 2 cannot run here: ${support.reason}; this run uses one thread.`);
  }
  return { ...reading, threads: `One kernel thread per training run: ${support.reason}.` };
}
