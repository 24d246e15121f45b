// Entry point of a Node worker thread of the training pool. (The package compiles without Node's types, so the
// module is imported by name and typed here.)
import { handleTask, type ToWorker } from './protocol.js';

interface ParentPort {
  on(event: 'message', listener: (m: ToWorker) => void): void;
  postMessage(m: unknown): void;
}
const name = 'node:worker_threads';
const { parentPort } = (await import(/* @vite-ignore */ name)) as { parentPort: ParentPort };

parentPort.on('message', (message) => {
  void handleTask(message, (m) => parentPort.postMessage(m));
});
