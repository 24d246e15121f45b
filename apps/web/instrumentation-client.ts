// Runs once per page load, before React hydrates the page (Next's instrumentation-client convention): the experiment
// worker and its WASM start loading now instead of after hydration (see src/early-worker.ts).
import { startEarlyWorker } from './src/early-worker';

startEarlyWorker();
