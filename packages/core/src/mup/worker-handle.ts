// What the training pool needs of a worker, whatever runs it (Node worker threads or Web Workers).
import type { FromWorker, ToWorker } from './protocol.js';
import type { TrainConfig, TrainResult } from './train.js';

/** One worker: post it cells, hear back progress and results. */
export interface WorkerHandle<C = TrainConfig, R = TrainResult> {
  post(message: ToWorker<C>): void;
  onMessage(listener: (message: FromWorker<R>) => void): void;
  onError(listener: (error: Error) => void): void;
  terminate(): void;
}

/** Where workers come from (Node worker threads or Web Workers). */
export interface WorkerHost<C = TrainConfig, R = TrainResult> {
  /** Logical cores available to this process or page. */
  cores: number;
  spawn(): WorkerHandle<C, R>;
}
