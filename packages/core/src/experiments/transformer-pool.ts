// Transformer cells on the sweep pool (mup/pool.ts): the runner that checks and computes them, and where their
// workers come from — worker threads in Node, Web Workers in browsers, each running transformer-worker-*.ts.
import { isNode } from '../mup/host.js';
import type { WorkerHost } from '../mup/host.js';
import type { CellRunner } from '../mup/pool.js';
import { checkTransformerCell, handleTransformerTask, type TransformerCell, type TransformerCellResult } from './transformer-cell.js';

let host: Promise<WorkerHost<TransformerCell, TransformerCellResult>> | undefined;

function transformerHost(): Promise<WorkerHost<TransformerCell, TransformerCellResult>> {
  host ??= isNode()
    ? import('../mup/host-node.js').then((m) => m.nodeHost<TransformerCell, TransformerCellResult>(new URL('./transformer-worker-node.js', import.meta.url)))
    : import('../mup/host-browser.js').then((m) => m.webWorkerHost<TransformerCell, TransformerCellResult>(() => new Worker(new URL('./transformer-worker-browser.js', import.meta.url), { type: 'module' })));
  return host;
}

/** Transformer training runs as pool cells. */
export const transformerRunner: CellRunner<TransformerCell, TransformerCellResult> = {
  check: checkTransformerCell,
  handle: handleTransformerTask,
  host: transformerHost,
};
