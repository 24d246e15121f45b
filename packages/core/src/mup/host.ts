// Where pool workers come from: Node worker threads or Web Workers, behind one small interface.
import type { FromWorker, ToWorker } from './protocol.js';

export interface WorkerHandle {
  post(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onError(listener: (error: Error) => void): void;
  terminate(): void;
}

export interface WorkerHost {
  /** Logical cores available to this process or page. */
  cores: number;
  spawn(): WorkerHandle;
}

/** True in Node (including its worker threads), false in browsers and their workers. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

let host: Promise<WorkerHost> | undefined;

/** The worker host of this runtime (loaded once). */
export function workerHost(): Promise<WorkerHost> {
  host ??= isNode() ? import('./host-node.js').then((m) => m.nodeHost()) : import('./host-browser.js').then((m) => m.browserHost());
  return host;
}
