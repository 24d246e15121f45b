// Entry point of a Web Worker that trains Transformer cells (module worker).
import { init } from '../base/runtime.js';
import type { ToWorker } from '../mup/protocol.js';
import { handleTransformerTask, type TransformerCell } from './transformer-cell.js';

const ready = init();
const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<ToWorker<TransformerCell>>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (event) => {
  void ready.then(() => handleTransformerTask(event.data, (m) => scope.postMessage(m)));
};
