import type { z } from 'zod';
import { CancelledError, clipText, Hw3Error, InvalidArgumentError } from '../base/errors.js';
import { checkSeed } from '../base/rng.js';
import { keysOf, options as checkOptions } from '../base/validate.js';
import type { Experiment, ExperimentOutput, ExperimentResult, RunContext, RunOptions } from './contract.js';

/** The parameters were rejected by the experiment's schema; `issues` lists every problem. */
export class ParamError extends Hw3Error {
  readonly issues: { param: string; message: string }[];
  constructor(experimentId: string, issues: { param: string; message: string }[]) {
    const first = issues[0]!;
    super('INVALID_ARGUMENT', `${experimentId}: ${issues.map((i) => `${i.param}: ${i.message}`).join('; ')}`, first.param);
    this.issues = issues;
  }
}

/** Validates raw parameters (defaults filled in) against the experiment's schema. */
export function resolveParams<S extends z.ZodObject>(experiment: Experiment<S>, raw: unknown = {}): z.output<S> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidArgumentError('params', raw, 'an object');
  const known = new Set(Object.keys(experiment.params.shape));
  const unknown = Object.keys(raw).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new ParamError(
      experiment.id,
      unknown.map((param) => ({ param, message: `unknown parameter (known: ${[...known].join(', ')})` })),
    );
  }
  const parsed = experiment.params.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new ParamError(
      experiment.id,
      parsed.error.issues.map((issue) => ({
        param: issue.path.join('.') || 'params',
        message: `${issue.message}${'input' in issue && issue.input !== undefined ? `, got ${clipText(JSON.stringify(issue.input) ?? String(issue.input))}` : ''}`,
      })),
    );
  }
  return parsed.data;
}

const EMPTY: ExperimentOutput = { values: {}, checks: [], series: [], tables: [] };

/**
 * Runs an experiment: validates its parameters, reports throttled progress, and honours cancellation. Resolves with
 * the result (status 'complete'); when `signal` aborts, rejects with a CancelledError whose `partial` is the result
 * as of the last finished unit of work (status 'cancelled').
 * @throws ParamError for rejected parameters, InvalidArgumentError for a bad seed.
 */
export async function runExperiment<S extends z.ZodObject>(
  experiment: Experiment<S>,
  rawParams: unknown = {},
  options: RunOptions = {},
): Promise<ExperimentResult> {
  // Duck-typed: an experiment built against another copy of zod (a bundle, a worker) is still an experiment.
  const candidate = experiment as { run?: unknown; params?: { safeParse?: unknown; shape?: unknown } } | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.run !== 'function' || typeof candidate.params?.safeParse !== 'function' || typeof candidate.params.shape !== 'object') {
    const hint = typeof experiment === 'string' ? ` (for an id, pass getExperiment(${JSON.stringify(experiment)}))` : '';
    throw new InvalidArgumentError('experiment', experiment, `an experiment object from the registry${hint}`);
  }
  checkOptions('options', options, false, keysOf<RunOptions>()(['seed', 'signal', 'onProgress', 'progressIntervalMs', 'cells']));
  const params = resolveParams(experiment, rawParams);
  const seed = options.seed ?? 1;
  checkSeed('seed', seed);
  const { signal, onProgress } = options;
  const interval = options.progressIntervalMs ?? 50;
  let lastReport = -Infinity;
  let partial: ExperimentOutput = EMPTY;
  const wrap = (output: ExperimentOutput, status: ExperimentResult['status']): ExperimentResult => ({
    id: experiment.id,
    question: experiment.question,
    title: experiment.title,
    seed,
    params: params as Record<string, unknown>,
    status,
    values: output.values,
    checks: output.checks,
    series: output.series,
    tables: output.tables,
  });
  const ctx: RunContext = {
    seed,
    ...(signal ? { signal } : {}),
    ...(options.cells ? { cells: options.cells } : {}),
    progress(fraction, message) {
      const now = Date.now();
      if (!onProgress || (now - lastReport < interval && fraction < 1)) return;
      lastReport = now;
      onProgress({ fraction: Math.min(1, Math.max(0, fraction)), ...(message ? { message } : {}) });
    },
    checkpoint(output) {
      partial = output;
    },
    throwIfCancelled() {
      if (signal?.aborted) throw new CancelledError(experiment.id);
    },
  };
  try {
    ctx.throwIfCancelled();
    const output = await experiment.run(params, ctx);
    onProgress?.({ fraction: 1 });
    return wrap(output, 'complete');
  } catch (error) {
    if (error instanceof CancelledError || signal?.aborted) {
      throw new CancelledError(experiment.id, wrap(partial, 'cancelled'));
    }
    throw error;
  }
}

/** Yields to the event loop so that aborts and progress callbacks get through during long synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
