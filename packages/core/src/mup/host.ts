// Where pool workers come from: Node worker threads or Web Workers, behind one small interface.
import type { WorkerHost } from './worker-handle.js';
import type { TrainConfig, TrainResult } from './train.js';

export type { WorkerHandle, WorkerHost } from './worker-handle.js';

/** True in Node (including its worker threads), false in browsers and their workers. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

let host: Promise<WorkerHost> | undefined;

/** The worker host of this runtime (loaded once). */
export function workerHost(): Promise<WorkerHost> {
  host ??= isNode() ? import('./host-node.js').then((m) => m.nodeHost<TrainConfig, TrainResult>()) : import('./host-browser.js').then((m) => m.browserHost());
  return host;
}
