// The explorer's kernel-threads choice, for experiments with a `threads` parameter (the training runs). Where this
// page can run a kernel thread (cross-origin isolated, `next start`) the field offers 2, but the default stays the
// experiment's own (1): with 2 threads a sweep gets one worker per two cores, and a sweep of many runs finishes sooner
// with one run per core (lr-transfer's quick preset, Node, idle: 16.2–16.8 s with 1 thread, 21.3–24.5 s with 2).
// Where none can run, an address asking for 2 is read as 1, with the reason. Runs in the experiment worker, where the
// check is made.
import { kernelThreadsSupport } from '@hw3/core/base';
import type { ParamField } from '@hw3/core/experiments/params';
import type { QueryState } from './url-state';

const FIELD = 'threads';

/** Whether an experiment with these fields offers a second kernel thread (a `threads` parameter): the training runs. */
export function offersThreads(fields: readonly ParamField[]): boolean {
  return fields.some((f) => f.name === FIELD);
}

/** `reading` with the threads this page runs (and `threads`: what the page says about them), or unchanged. */
export function chooseThreads(reading: QueryState, fields: readonly ParamField[]): QueryState & { threads?: string } {
  if (!offersThreads(fields)) return reading;
  const support = kernelThreadsSupport();
  if (support.available) {
    return {
      ...reading,
      threads:
        'Two kernel threads can share each training step on this page (it is cross-origin isolated), with the same bits as one. ' +
        '2 makes a single run faster; a sweep of many runs is faster with 1, which runs one training run per core.',
    };
  }
  if (reading.params[FIELD] === 2) {
    reading.params[FIELD] = 1;
    reading.texts.set(FIELD, '1');
    reading.problems.push(`threads = 2 cannot run here: ${support.reason}; this run uses one thread.`);
  }
  return { ...reading, threads: `One kernel thread per training run: ${support.reason}.` };
}
