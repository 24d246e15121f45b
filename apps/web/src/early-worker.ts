// The page's experiment worker, started before React hydrates the page. instrumentation-client.ts (Next runs it once
// the page's scripts load, before hydration) calls startEarlyWorker(): on a page that marks itself (EARLY_ATTRIBUTE,
// rendered by the server), the worker's code and the kernels' WASM then load while React boots, and on an experiment
// page 'prepare' tells the worker which experiment and address the page will ask for: it loads that experiment's code
// and starts the run (speculative-run.ts). Every request still comes from the component that owns the worker
// (use-worker.ts); the page's first one takes that run over, so the protocol and its watchdog are unchanged.
import { AUTO_RUN_SECONDS, EARLY_ATTRIBUTE } from './early-marker';
import type { ToWorker } from './worker-protocol';

export const createWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module', name: 'hw3-experiments' });

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
  const worker = createWorker();
  const heard: MessageEvent[] = [];
  const failed: ErrorEvent[] = [];
  const onMessage = (event: MessageEvent) => heard.push(event);
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    failed.push(event);
  };
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  if (experimentId !== '') {
    // The run opening the page will ask for once hydrated (ExperimentView): the address as typed (address.ts), with the
    // page-open cost limit. The worker starts it now; the page's identical request takes it over.
    const typed = window.__hw3Address;
    const search = typed && typed.path === window.location.pathname ? typed.search : window.location.search;
    worker.postMessage({ type: 'prepare', experimentId, run: { query: search.replace(/^\?/, ''), maxSeconds: AUTO_RUN_SECONDS } } satisfies ToWorker);
  }
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
