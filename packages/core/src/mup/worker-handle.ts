// What the training pool needs of a worker, whatever runs it (Node worker threads or Web Workers).
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
