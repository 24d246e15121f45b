// The page's experiment worker, started before React hydrates the page. instrumentation-client.ts (Next runs it once
// the page's scripts load, before hydration) calls startEarlyWorker(): on a page that marks itself (EARLY_ATTRIBUTE,
// rendered by the server), the worker's code and the kernels' WASM then load while React boots, and on an experiment
// page the worker's name tells it which experiment and address the page will ask for (WorkerStart): it loads that
// experiment's code and starts the run as soon as its script runs (speculative-run.ts). Every request still comes from
// the component that owns the worker (use-worker.ts); the page's first one takes that run over, so the protocol and
// its watchdog are unchanged.
import { kernelsWasmUrl } from '@hw3/kernels/source';
import { AUTO_RUN_SECONDS, EARLY_ATTRIBUTE } from './early-marker';
import { workerName, type WorkerStart } from './worker-protocol';

export const createWorker = (start?: WorkerStart) => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module', name: workerName(start) });

/** A worker started before any component asked for it, with what it said while no one listened. */
export interface EarlyWorker {
  worker: Worker;
  heard: MessageEvent[];
  failed: ErrorEvent[];
}

let early: (EarlyWorker & { stopListening(): void }) | undefined;
/** A component has taken (or made) the page's worker: from then on nothing starts early, it would be a second one. */
let taken = false;

function start(experimentId: string): void {
  if (early || taken || typeof Worker === 'undefined') return;
  // The worker asks for the kernels' .wasm only once its own scripts have loaded and run; asked for now, it is in the
  // HTTP cache by then (or on its way: the worker's request then waits for this one instead of starting another).
  fetch(kernelsWasmUrl())
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
  // On an experiment page, the run opening the page will ask for once hydrated (ExperimentView): the address as typed
  // (address.ts), with the page-open cost limit. The worker starts it now; the page's identical request takes it over.
  const typed = window.__hw3Address;
  const search = typed && typed.path === window.location.pathname ? typed.search : window.location.search;
  const worker = createWorker(experimentId === '' ? undefined : { experimentId, run: { query: search.replace(/^\?/, ''), maxSeconds: AUTO_RUN_SECONDS } });
  const heard: MessageEvent[] = [];
  const failed: ErrorEvent[] = [];
  const onMessage = (event: MessageEvent) => heard.push(event);
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    failed.push(event);
  };
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  early = {
    worker,
    heard,
    failed,
    stopListening() {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    },
  };
}

/** Starts the worker if the page's marker asks for it. Called once per page load, before hydration. */
export function startEarlyWorker(): void {
  if (typeof document === 'undefined') return;
  const read = () => {
    const marker = document.querySelector(`[${EARLY_ATTRIBUTE}]`);
    if (marker) start(marker.getAttribute(EARLY_ATTRIBUTE) ?? '');
  };
  // Next's scripts are async and may run before the parser has reached the marker: then look again once it has.
  if (document.querySelector(`[${EARLY_ATTRIBUTE}]`) || document.readyState !== 'loading') read();
  else document.addEventListener('DOMContentLoaded', read, { once: true });
}

/** The early worker if no component has taken it yet (the first component to mount takes it). */
export function takeEarlyWorker(): EarlyWorker | undefined {
  const t = early;
  early = undefined;
  taken = true;
  t?.stopListening();
  return t;
}
