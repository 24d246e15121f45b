// One Transformer training run: validate everything at the boundary, build the network on the chosen backend (the
// reference, or the kernels on one thread or two), draw the init from stream 0 of the seed and the batches from
// stream 1, and train. A non-finite loss ends the run as
// diverged (never dropped). Between steps the run yields to the event loop now and then, so an AbortSignal can stop it.
import { CancelledError } from '../base/errors.js';
import { kernelBackend } from '../base/kernel-backend.js';
import { kernelThreadsSupport, startKernelThreads } from '../base/kernel-threads.js';
import { createRng } from '../base/rng.js';
import type { CoordStep, TransformerParameterization, TransformerShape, TransformerTask, TransformerTrainOptions, TransformerTrainResult } from './api.js';
import { TransformerNetwork } from './network.js';
import type { TransformerOps } from './ops.js';
import { planTransformer } from './plan.js';
import { referenceOps } from './reference/ops.js';
import { wasmOps } from './wasm-ops.js';
import { checkBatch, checkParameterization, checkShape, checkTask, checkTrainOptions } from './validate.js';

/** How long a run computes before it yields to the event loop (ms): short enough for a prompt Ctrl-C. */
const YIELD_MS = 50;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Trains `shape` under `parameterization` on `task`.
 * @throws InvalidArgumentError / ShapeError naming the bad field (width not divisible by heads, heads 0, seqLen longer
 * than the task's data, unknown optimizer, lr ≤ 0, …); MemoryLimitError when the model does not fit; CancelledError
 * (with the partial result) when `options.signal` aborts.
 */
export async function trainTransformer(
  shape: TransformerShape,
  parameterization: TransformerParameterization,
  task: TransformerTask,
  options: TransformerTrainOptions,
): Promise<TransformerTrainResult> {
  const s = checkShape(shape);
  const p = checkParameterization(parameterization, s);
  checkTask(task, s);
  const o = checkTrainOptions(options);
  const plan = planTransformer(s, p);
  // A browser's kernel thread starts asynchronously, so it is started here, before the (synchronous) backend asks for
  // it; where none can run, kernelBackend gives one thread (the same bits) and the result says so.
  if (o.threads === 2 && kernelThreadsSupport().available) await startKernelThreads();
  const backend = o.engine === 'wasm' ? kernelBackend(o.threads) : undefined;
  const ops = (backend ? wasmOps(backend) : referenceOps('f32')) as TransformerOps<unknown, unknown>;
  const threads = backend?.threads === 2 ? 2 : 1;
  const root = createRng(o.seed);
  const initRng = root.stream(0);
  const dataRng = root.stream(1);
  const net = new TransformerNetwork(s, plan, ops, o.batchSize, {
    kind: o.optimizer,
    lr: o.lr,
    beta1: o.beta1,
    beta2: o.beta2,
    eps: o.eps,
    momentum: o.momentum,
  });
  const losses: number[] = [];
  const coords: CoordStep[] | undefined = o.coords ? [] : undefined;
  let divergedAtStep: number | null = null;
  const result = (): TransformerTrainResult => ({
    losses: Float64Array.from(losses),
    diverged: divergedAtStep !== null,
    divergedAtStep,
    ...(coords ? { coords } : {}),
    threads,
  });
  try {
    net.initialize(initRng);
    let lastYield = Date.now();
    for (let step = 1; step <= o.steps; step++) {
      if (o.signal?.aborted) throw new CancelledError('transformer training', result());
      const batch = task.batch(dataRng, o.batchSize, s.seqLen);
      checkBatch(batch, s, o.batchSize);
      net.setBatch(batch);
      const rms: Record<string, number> | undefined = coords ? {} : undefined;
      const loss = net.forward(rms);
      losses.push(loss);
      if (coords && rms) coords.push({ step, rms });
      o.onStep?.(step, loss);
      if (!Number.isFinite(loss)) {
        divergedAtStep = step;
        break;
      }
      net.backward();
      net.step();
      if (Date.now() - lastYield > YIELD_MS) {
        await nextTask();
        lastYield = Date.now();
      }
    }
    if (o.signal?.aborted) throw new CancelledError('transformer training', result());
    return result();
  } finally {
    net.free();
  }
}
