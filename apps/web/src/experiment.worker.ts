// The Web Worker that holds all experiment code: it reads addresses and form text against the experiment's schema,
// runs experiments and claim checks on the same @hw3/core WASM build as the terminal (results match
// `hw3 run --json` for the same seed), and keeps the page responsive. It imports only what it needs: the runner, and
// the one experiment a page asks for (`loadExperiment` is one import() per experiment); the claim checker's formula
// parser only when a claim is checked; the MNIST digits only when an experiment trains on them.
import { init } from '@hw3/core/runtime';
import { CancelledError, Hw3Error } from '@hw3/core/errors';
import { ParamError, runExperiment } from '@hw3/core/experiments/run';
import { loadExperiment } from '@hw3/core/experiments/catalog';
import { estimateCost } from '@hw3/core/lab';
import { paramFields, type ParamField } from '@hw3/core/experiments/params';
import type { Experiment, ExperimentOutput, ExperimentResult, RunContext } from '@hw3/core/experiments/api';
import type { ClaimResult } from '@hw3/core/claims';
import { checkForm } from '@hw3/client/fields';
import { readQuery, writeQuery } from './url-state';
import { NO_REQUEST, type FromWorker, type ToWorker, type WireError } from './worker-protocol';

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);
/** Cores this browser offers: a training sweep spreads over that many workers. */
const cores = (self as unknown as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
const started = performance.now();
const ready = init().then(() => post({ type: 'ready', loadMs: performance.now() - started }));
const running = new Map<number, AbortController>();
// Partial results go out at once for the first finished unit, then at most this often (each redraws the page).
const PARTIAL_INTERVAL_MS = 1000;
const HEARTBEAT_MS = 500;

let busy = 0;
setInterval(() => {
  if (busy > 0) post({ type: 'alive' });
}, HEARTBEAT_MS);

const loaded = new Map<string, Promise<{ experiment: Experiment; fields: ParamField[] }>>();
function experimentNamed(id: string) {
  let entry = loaded.get(id);
  if (!entry) {
    entry = loadExperiment(id).then((experiment) => ({ experiment, fields: paramFields(experiment) }));
    entry.catch(() => loaded.delete(id));
    loaded.set(id, entry);
  }
  return entry;
}

function toWire(error: unknown): WireError {
  if (error instanceof ParamError) return { name: error.name, message: error.message, code: error.code, ...(error.param ? { param: error.param } : {}), issues: error.issues };
  if (error instanceof Hw3Error) return { name: error.name, message: error.message, code: error.code, ...(error.param ? { param: error.param } : {}) };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** Counts the task as work for the heartbeat, and turns a throw into the request's final error message. */
async function task(id: number, work: () => Promise<void>): Promise<void> {
  busy++;
  try {
    await work();
  } catch (error) {
    post({ type: 'error', id, error: toWire(error) });
  } finally {
    busy--;
  }
}

/** The experiment with its checkpoints also sent to the page, so a long run shows its first points early. */
function reportingPartials(experiment: Experiment, id: number): Experiment {
  let last = -Infinity;
  return {
    ...experiment,
    run: (params, ctx: RunContext) =>
      experiment.run(params, {
        ...ctx,
        checkpoint(output: ExperimentOutput) {
          ctx.checkpoint(output);
          const now = performance.now();
          if (now - last < PARTIAL_INTERVAL_MS) return;
          last = now;
          post({ type: 'partial', id, output });
        },
      }),
  };
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  const t0 = performance.now();
  try {
    const [{ experiment, fields }] = await Promise.all([experimentNamed(message.experimentId), ready]);
    const reading = readQuery(experiment, fields, new URLSearchParams(message.query));
    post({ type: 'query', id: message.id, reading: { ...reading, texts: [...reading.texts] } });
    const result = await runExperiment(reportingPartials(experiment, message.id), reading.params, {
      seed: reading.seed,
      signal: controller.signal,
      onProgress: (p) => post({ type: 'progress', id: message.id, fraction: p.fraction, ...(p.message ? { message: p.message } : {}) }),
    });
    post({ type: 'result', id: message.id, result, ms: performance.now() - t0 });
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    const partial = error.partial as ExperimentResult | undefined;
    post({ type: 'cancelled', id: message.id, ...(partial ? { partial } : {}) });
  } finally {
    running.delete(message.id);
  }
}

async function validate(message: Extract<ToWorker, { type: 'validate' }>): Promise<void> {
  const { experiment, fields } = await experimentNamed(message.experimentId);
  const form = checkForm(experiment, new Map(message.texts), message.seedText, fields);
  const query = form.params && form.seed !== undefined ? writeQuery(fields, form.params, form.seed) : undefined;
  let cost: string | undefined;
  try {
    if (form.params) cost = estimateCost(experiment, form.params, { cores }).text;
  } catch {
    cost = undefined;
  }
  post({ type: 'validated', id: message.id, errors: form.errors, ...(query !== undefined ? { query } : {}), ...(cost !== undefined ? { cost } : {}) });
}

async function claim(message: Extract<ToWorker, { type: 'claim' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  const t0 = performance.now();
  try {
    const [{ checkClaim }] = await Promise.all([import('@hw3/core/claims'), ready]);
    const verdict = await checkClaim({
      question: message.question,
      formula: message.claim,
      seed: message.seed,
      signal: controller.signal,
      onProgress: (p) => post({ type: 'progress', id: message.id, fraction: p.fraction, ...(p.message ? { message: p.message } : {}) }),
    });
    post({ type: 'claim-result', id: message.id, verdict, ms: performance.now() - t0 });
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    const partial = error.partial as ClaimResult | undefined;
    post({ type: 'claim-cancelled', id: message.id, ...(partial ? { partial } : {}) });
  } finally {
    running.delete(message.id);
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'run') void task(message.id, () => run(message));
  else if (message.type === 'validate') void task(message.id, () => validate(message));
  else if (message.type === 'claim') void task(message.id, () => claim(message));
  else if (message.type === 'cancel') running.get(message.id)?.abort();
});

ready.catch((error: unknown) => post({ type: 'error', id: NO_REQUEST, error: toWire(error) }));
