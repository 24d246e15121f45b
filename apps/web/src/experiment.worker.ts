// The Web Worker that holds all experiment code: it reads addresses and form text against the experiment's schema,
// runs experiments and claim checks on the same @hw3/core WASM build as the terminal (results match
// `hw3 run --json` for the same seed), and keeps the page responsive. It imports only what it needs: the runner, and
// the one experiment a page asks for (`loadExperiment` is one import() per experiment); the claim checker's formula
// parser only when a claim is checked; the MNIST digits only when an experiment trains on them.
import { init } from '@hw3/core/runtime';
import { CancelledError, serializeError } from '@hw3/core/errors';
import { loadExperiment } from '@hw3/core/experiments/catalog';
import { estimateCost } from '@hw3/core/lab';
import { paramFields, type ParamField } from '@hw3/core/experiments/params';
import type { Experiment } from '@hw3/core/experiments/api';
import type { ClaimResult } from '@hw3/core/claims';
import { checkForm } from '@hw3/client/fields';
import { runRequest } from '@hw3/client/run-request';
import { runKey, SpeculativeRun } from './speculative-run';
import { chooseThreads } from './thread-choice';
import { readQuery, writeQuery } from './url-state';
import { NO_REQUEST, startOfWorkerName, type FromWorker, type ToWorker, type WorkerStart } from './worker-protocol';

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

/** Counts the task as work for the heartbeat, and turns a throw into the request's final error message. */
async function task(id: number, work: () => Promise<void>, send = post): Promise<void> {
  busy++;
  try {
    await work();
  } catch (error) {
    send({ type: 'error', id, error: serializeError(error) });
  } finally {
    busy--;
  }
}

/** `send` and `controller`: a speculative run's (its messages wait for the request that takes it over). */
async function run(message: Extract<ToWorker, { type: 'run' }>, send = post, controller = new AbortController()): Promise<void> {
  running.set(message.id, controller);
  try {
    const [{ experiment, fields }] = await Promise.all([experimentNamed(message.experimentId), ready]);
    const query = new URLSearchParams(message.query);
    const reading = chooseThreads(readQuery(experiment, fields, query), fields);
    send({ type: 'query', id: message.id, reading: { ...reading, texts: [...reading.texts] } });
    if (message.maxSeconds !== undefined) {
      const { text, seconds } = estimateCost(experiment, reading.params, { cores });
      if (!(seconds <= message.maxSeconds)) {
        send({ type: 'held', id: message.id, cost: { text, seconds } });
        return;
      }
      send({ type: 'started', id: message.id });
    }
    const request = { experimentId: experiment.id, params: reading.params, seed: reading.seed };
    await runRequest(experiment, message.id, request, send, { signal: controller.signal, partialIntervalMs: PARTIAL_INTERVAL_MS });
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

/** The id of a run the worker started by itself (page ids are positive). */
const SPECULATIVE_ID = -2;
/** The page's first run, started from the worker's name, until a request takes it over or another request makes it
 * moot. */
let speculative: SpeculativeRun | undefined;

function prepare(start: WorkerStart): void {
  // A failed load is forgotten by experimentNamed, so the request that needs it tries again and reports its error.
  experimentNamed(start.experimentId).catch(() => undefined);
  if (!start.run) return;
  const { query, maxSeconds } = start.run;
  const s = new SpeculativeRun(runKey(start.experimentId, query, maxSeconds), post);
  speculative = s;
  void task(SPECULATIVE_ID, () => run({ type: 'run', id: SPECULATIVE_ID, experimentId: start.experimentId, query, maxSeconds }, s.say, s.controller), s.say).finally(() => {
    s.ended = true;
    if (s.taken) for (const [id, c] of running) if (c === s.controller) running.delete(id);
  });
}

/** Whether request `message` takes the speculative run over (then it is answered by that run). The first request
 * decides: a different one cancels the speculative run. */
function takeOver(message: Extract<ToWorker, { type: 'run' }>): boolean {
  const s = speculative;
  speculative = undefined;
  if (!s) return false;
  if (s.key !== runKey(message.experimentId, message.query, message.maxSeconds)) {
    s.controller.abort();
    return false;
  }
  if (!s.ended) running.set(message.id, s.controller);
  s.takeOver(message.id);
  return true;
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'run') {
    if (!takeOver(message)) void task(message.id, () => run(message));
  }
  else if (message.type === 'validate') void task(message.id, () => validate(message));
  else if (message.type === 'claim') void task(message.id, () => claim(message));
  else if (message.type === 'cancel') running.get(message.id)?.abort();
});

const start = startOfWorkerName(self.name);
if (start) prepare(start);

ready.catch((error: unknown) => post({ type: 'error', id: NO_REQUEST, error: serializeError(error) }));
