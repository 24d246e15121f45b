// Entry point of a Web Worker of the training pool (module worker).
import { init } from '../base/runtime.js';
import { handleTask, type ToWorker } from './protocol.js';

const ready = init();
const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (event) => {
  void ready.then(() => handleTask(event.data, (m) => scope.postMessage(m)));
};
