// The parameters the Transformer experiments share (task, model size, training), with the rules a shape must obey
// checked at the boundary, so a bad combination is a ParamError naming the parameter before anything trains.
import { MAX_MEMORY_BYTES } from '@hw3/kernels';
import { z } from 'zod';
import { kernelThreadsSupport } from '../base/kernel-threads.js';
import { availableCores } from '../mup/pool.js';
import { transformerMemoryBytes } from '../transformer/model.js';
import { TASK_KINDS } from '../transformer/tasks/spec.js';
import { shapeFor, type ModelSettings } from './transformer-sweep.js';

/** Widest width the form offers (TP5 Figure 1's); whether a width fits the memory depends on the other settings. */
export const TRANSFORMER_MAX_WIDTH = 8192;
/** Memory beside one model in the kernels' memory: the task's data, a cell's buffers, the allocator's slack. */
const MEMORY_HEADROOM_BYTES = 64 * 2 ** 20;

/** Fields of the model and its task. */
export const modelFields = {
  task: z.enum(TASK_KINDS).default('markov-lm').describe('what the model learns: next characters of the stated Markov source (loss floor known) or MNIST digits as 16 patches of 7 × 7'),
  heads: z.number().int().min(1).max(64).default(4).describe('attention heads (each of width/heads; every width must be divisible by it)'),
  layers: z.number().int().min(1).max(12).default(2).describe('Transformer blocks'),
  mlpRatio: z.number().int().min(1).max(8).default(4).describe('MLP hidden width / width'),
  seqLen: z.number().int().min(2).max(256).default(32).describe('positions per sequence (language task; MNIST always reads its 16 patches)'),
  batchSize: z.number().int().min(1).max(512).default(16).describe('sequences per step'),
  workers: z.number().int().min(0).max(256).default(0).describe('worker threads (0: one per core, or per two cores with threads 2)'),
  threads: z.number().int().min(1).max(2).default(1).describe('kernel threads per training run: 2 splits each step\'s matrix products and Adam with a second thread, same bits (in a browser only on a cross-origin-isolated page; elsewhere one thread, recorded as such)'),
};

/** The result value saying how many threads each run had. */
export const threadsPerRunValue = {
  label: 'kernel threads per training run',
  unit: '',
  meaning: 'Threads that shared each training step: 2 when asked for and a kernel thread can run here, else 1 (the same bits either way).',
};

/**
 * The threads each training run gets: 2 when asked for and a kernel thread can run in this realm (the pool's
 * workers are of its kind), else 1 — the output records what ran.
 */
export function threadsHere(asked: number): 1 | 2 {
  return asked === 2 && kernelThreadsSupport().available ? 2 : 1;
}

/** Pool workers for a sweep: the ones asked for, else one per core (0: the pool's default), or one per two cores with kernel threads. */
export async function sweepWorkers(asked: number, threads: 1 | 2): Promise<number> {
  if (asked > 0) return asked;
  return threads === 2 ? Math.max(1, Math.floor((await availableCores()) / 2)) : 0;
}

/** Cores a sweep of `cells` runs keeps busy: workers × kernel threads, at most the cores (for the cost estimate). */
export function sweepCores(p: { workers: number; threads: number }, cores: number, cells: number): number {
  return Math.min(cores, p.threads * Math.min(p.workers > 0 ? p.workers : Math.max(1, Math.floor(cores / p.threads)), cells));
}

/**
 * The shape rules of a sweep's widths (a superRefine callback): distinct, each divisible by heads, and a base width
 * divisible by heads — each problem an issue on the parameter it concerns, with the value.
 */
export function shapeRules(p: ModelSettings & { widths?: number[]; baseWidth?: number; batchSize: number }, ctx: z.RefinementCtx): void {
  const widths = p.widths ?? [];
  if (new Set(widths).size !== widths.length) ctx.addIssue({ code: 'custom', path: ['widths'], input: widths, message: 'widths must be distinct' });
  const bad = widths.filter((w) => w % p.heads !== 0);
  if (bad.length > 0) ctx.addIssue({ code: 'custom', path: ['widths'], input: bad, message: `every width must be divisible by heads (${p.heads}): each head gets width/heads dimensions` });
  if (p.baseWidth !== undefined && p.baseWidth % p.heads !== 0) ctx.addIssue({ code: 'custom', path: ['baseWidth'], input: p.baseWidth, message: `must be divisible by heads (${p.heads})` });
  memoryRule(p, widths, ctx);
}

/** Bytes one training run of `width` takes in the kernels' memory (Adam), with these settings. */
function runBytes(p: ModelSettings & { batchSize: number }, width: number): number {
  return transformerMemoryBytes(shapeFor(p, width), p.batchSize, 'adam') + MEMORY_HEADROOM_BYTES;
}

/**
 * Every width must fit the kernels' memory with these settings (each training run has an instance of its own): a
 * width that cannot is refused here, before the narrower cells train, with the widest width that fits.
 */
function memoryRule(p: ModelSettings & { batchSize: number }, widths: number[], ctx: z.RefinementCtx): void {
  let tooWide: number[];
  try {
    tooWide = widths.filter((w) => runBytes(p, w) > MAX_MEMORY_BYTES);
  } catch {
    // A shape the other rules refuse (a width not divisible by heads, a field out of its range) has no size: those
    // rules name it; zod runs this refinement even when a field failed.
    return;
  }
  if (tooWide.length === 0) return;
  let fits = 0;
  for (let w = p.heads; w <= TRANSFORMER_MAX_WIDTH; w += p.heads) if (runBytes(p, w) <= MAX_MEMORY_BYTES) fits = w;
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  const w = tooWide[0]!;
  ctx.addIssue({
    code: 'custom',
    path: ['widths'],
    input: tooWide,
    message:
      `width ${w} needs ${gib(runBytes(p, w))} for its weights, gradients, Adam's moments and activations (layers ${p.layers}, ` +
      `mlpRatio ${p.mlpRatio}, batchSize ${p.batchSize}${p.task === 'markov-lm' ? `, seqLen ${p.seqLen}` : ''}), more than the ` +
      `${gib(MAX_MEMORY_BYTES)} of WebAssembly memory; the widest that fits with these settings is ${fits}`,
  });
}
