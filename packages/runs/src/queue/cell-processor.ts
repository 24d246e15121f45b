// The BullMQ sandboxed processor (a worker thread kept across jobs): trains one cell — an MLP training run
// (lr-transfer's TrainConfig) or a Transformer training run (a cell with kind 'transformer'). Training is synchronous and
// CPU-bound, so it runs here and not on the worker's event loop, which keeps renewing the job's lock meanwhile (a
// blocked loop would make BullMQ think the worker died and hand the cell to another).
import type { SandboxedJob } from 'bullmq';
import { loadDataset, trainRun, type Dataset, type DatasetName, type TrainConfig, type TrainResult } from '@hw3/core/mup';
import { isTransformerCell, runTransformerCell, type TransformerCellResult } from '@hw3/core/experiments';
import { codeVersion } from '../code-version.js';
import { refusal, type CellJob } from './cell-job.js';

const datasets = new Map<DatasetName, Promise<Dataset>>();

export default async function processCell(job: SandboxedJob<CellJob, TrainResult | TransformerCellResult>): Promise<TrainResult | TransformerCellResult> {
  const mine = codeVersion().id;
  if (job.data.codeVersion !== mine) throw refusal(job.data.codeVersion, mine);
  if (isTransformerCell(job.data.cell)) return runTransformerCell(job.data.cell, (fraction) => void job.updateProgress(fraction));
  const config = job.data.cell as TrainConfig;
  let dataset = datasets.get(config.dataset);
  if (!dataset) {
    dataset = loadDataset(config.dataset);
    datasets.set(config.dataset, dataset);
  }
  const data = await dataset;
  return trainRun(config, data, { progress: (fraction) => void job.updateProgress(fraction) });
}
