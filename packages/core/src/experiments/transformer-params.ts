// The parameters the Transformer experiments share (task, model size, training), with the rules a shape must obey
// checked at the boundary, so a bad combination is a ParamError naming the parameter before anything trains.
import { z } from 'zod';
import { TASK_KINDS } from '../transformer/tasks/spec.js';

/** Widest model the experiments offer (the WebAssembly memory of 2 GiB holds weights, gradients and Adam's moments). */
export const TRANSFORMER_MAX_WIDTH = 8192;

/** Fields of the model and its task. */
export const modelFields = {
  task: z.enum(TASK_KINDS).default('markov-lm').describe('what the model learns: next characters of the stated Markov source (loss floor known) or MNIST digits as 16 patches of 7 × 7'),
  heads: z.number().int().min(1).max(64).default(4).describe('attention heads (each of width/heads; every width must be divisible by it)'),
  layers: z.number().int().min(1).max(12).default(2).describe('Transformer blocks'),
  mlpRatio: z.number().int().min(1).max(8).default(4).describe('MLP hidden width / width'),
  seqLen: z.number().int().min(2).max(256).default(32).describe('positions per sequence (language task; MNIST always reads its 16 patches)'),
  batchSize: z.number().int().min(1).max(512).default(16).describe('sequences per step'),
  workers: z.number().int().min(0).max(256).default(0).describe('worker threads (0: one per core)'),
};

/**
 * The shape rules of a sweep's widths (a superRefine callback): distinct, each divisible by heads, and a base width
 * divisible by heads — each problem an issue on the parameter it concerns, with the value.
 */
export function shapeRules(p: { widths?: number[]; heads: number; baseWidth?: number }, ctx: z.RefinementCtx): void {
  const widths = p.widths ?? [];
  if (new Set(widths).size !== widths.length) ctx.addIssue({ code: 'custom', path: ['widths'], input: widths, message: 'widths must be distinct' });
  const bad = widths.filter((w) => w % p.heads !== 0);
  if (bad.length > 0) ctx.addIssue({ code: 'custom', path: ['widths'], input: bad, message: `every width must be divisible by heads (${p.heads}): each head gets width/heads dimensions` });
  if (p.baseWidth !== undefined && p.baseWidth % p.heads !== 0) ctx.addIssue({ code: 'custom', path: ['baseWidth'], input: p.baseWidth, message: `must be divisible by heads (${p.heads})` });
}
