// Entry point of a Node worker thread that trains Transformer cells. (The package compiles without Node's types, so
// the module is imported by name and typed here.)
import type { ToWorker } from '../mup/protocol.js';
import { handleTransformerTask, type TransformerCell } from './transformer-cell.js';

interface ParentPort {
  on(event: 'message', listener: (m: ToWorker<TransformerCell>) => void): void;
  postMessage(m: unknown): void;
}
const name = 'node:worker_threads';
const { parentPort } = (await import(/* @vite-ignore */ name)) as { parentPort: ParentPort };

parentPort.on('message', (message) => {
  void handleTransformerTask(message, (m) => parentPort.postMessage(m));
});
