// The Web Worker that runs experiments and claim checks on the same @hw3/core WASM build as the terminal, so the page
// stays responsive and results match `hw3 run --json` for the same seed.
import { CancelledError, checkClaim, getExperiment, Hw3Error, init, ParamError, runExperiment, type ClaimResult, type ExperimentResult } from '@hw3/core';
import type { FromWorker, ToWorker, WireError } from './worker-protocol';

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);
const started = performance.now();
const ready = init().then(() => post({ type: 'ready', loadMs: performance.now() - started }));
const running = new Map<number, AbortController>();

function toWire(error: unknown): WireError {
  if (error instanceof ParamError) return { name: error.name, message: error.message, code: error.code, ...(error.param ? { param: error.param } : {}), issues: error.issues };
  if (error instanceof Hw3Error) return { name: error.name, message: error.message, code: error.code, ...(error.param ? { param: error.param } : {}) };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.runId, controller);
  const t0 = performance.now();
  try {
    await ready;
    const experiment = getExperiment(message.experimentId);
    const result = await runExperiment(experiment, message.params, {
      seed: message.seed,
      signal: controller.signal,
      onProgress: (p) => post({ type: 'progress', runId: message.runId, fraction: p.fraction, ...(p.message ? { message: p.message } : {}) }),
    });
    post({ type: 'result', runId: message.runId, result, ms: performance.now() - t0 });
  } catch (error) {
    if (error instanceof CancelledError) {
      const partial = error.partial as ExperimentResult | undefined;
      post({ type: 'cancelled', runId: message.runId, ...(partial ? { partial } : {}) });
    } else post({ type: 'error', runId: message.runId, error: toWire(error) });
  } finally {
    running.delete(message.runId);
  }
}

async function claim(message: Extract<ToWorker, { type: 'claim' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.runId, controller);
  const t0 = performance.now();
  try {
    await ready;
    const verdict = await checkClaim({
      question: message.question,
      formula: message.claim,
      seed: message.seed,
      signal: controller.signal,
      onProgress: (p) => post({ type: 'progress', runId: message.runId, fraction: p.fraction, ...(p.message ? { message: p.message } : {}) }),
    });
    post({ type: 'claim-result', runId: message.runId, verdict, ms: performance.now() - t0 });
  } catch (error) {
    if (error instanceof CancelledError) {
      const partial = error.partial as ClaimResult | undefined;
      post({ type: 'claim-cancelled', runId: message.runId, ...(partial ? { partial } : {}) });
    } else post({ type: 'error', runId: message.runId, error: toWire(error) });
  } finally {
    running.delete(message.runId);
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'run') void run(message);
  else if (message.type === 'claim') void claim(message);
  else if (message.type === 'cancel') running.get(message.runId)?.abort();
});

ready.catch((error: unknown) => post({ type: 'error', runId: -1, error: toWire(error) }));
