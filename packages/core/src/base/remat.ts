import { REMAT_MODE } from '@hw3/kernels';
import { InvalidArgumentError } from './errors.js';
import { allocate, getKernels, release } from './runtime.js';
import { keysOf, nonNegative, options as checkOptions, positiveInt } from './validate.js';

/** 'recompute': every activation recomputed from its checkpoint (the homework's count); 'cache-segments': each
 * segment recomputed once and kept until its backward steps are done (each kept activation is read back: one
 * loadmem, so both modes make n loadmem). */
export type RematMode = 'recompute' | 'cache-segments';

/** Largest chain simulated (memory: 5 bytes a layer). */
export const MAX_REMAT_LAYERS = 2 ** 24;

/** Options of `simulateRemat`. */
export interface RematOptions {
  /** Chain length n. */
  layers: number;
  /** Store every k-th activation (a_k, a_2k, …); exclusive with `stored`. */
  every?: number;
  /** 1-based layers whose activations are stored in the forward pass (inputs are always stored). */
  stored?: readonly number[];
  mode?: RematMode;
  /** Cost of one layer's forward step (default 20 ns). */
  fwdNs?: number;
  /** Cost of one read of a stored activation (default 10 ns). */
  loadmemNs?: number;
  /** Cost of one read from disk, for the "store every activation on disk" alternative. */
  loaddiskNs?: number;
}

/** Counts and times of one simulated backward pass. */
export interface RematResult {
  layers: number;
  /** Stored layers, ascending. */
  stored: number[];
  mode: RematMode;
  /** Forward steps recomputed during the backward pass. */
  fwd: number;
  /** Reads of stored activations (checkpoints, kept recomputations and the inputs) during the backward pass: one per
   * layer in both modes. The activation at the top of a recomputation is used as it is computed (no read). */
  loadmem: number;
  /** Most non-input activations resident at once (checkpoints + recomputed temporaries). */
  peakActivations: number;
  fwdNs: number;
  loadmemNs: number;
  /** fwd·fwdNs + loadmem·loadmemNs. */
  timeNs: number;
  /** The loaddisk time at which storing every activation on disk (n loaddisks) costs the same: timeNs / n. */
  breakEvenLoaddiskNs: number;
  /** Present when loaddiskNs was given: the all-on-disk alternative. */
  disk?: { loaddisk: number; loaddiskNs: number; timeNs: number; faster: 'disk' | 'recompute' | 'tie' };
}

function storedLayers(layers: number, every: unknown, stored: unknown): number[] {
  if (every !== undefined && stored !== undefined) {
    throw new InvalidArgumentError('stored', stored, 'omitted when every is given (use one of them)');
  }
  if (stored === undefined) {
    const k = positiveInt('every', every ?? layers, layers);
    const list: number[] = [];
    for (let i = k; i <= layers; i += k) list.push(i);
    return list;
  }
  if (!Array.isArray(stored)) throw new InvalidArgumentError('stored', stored, 'an array of layer numbers');
  for (const [index, layer] of stored.entries()) {
    if (!Number.isInteger(layer) || layer < 1 || layer > layers) {
      throw new InvalidArgumentError(`stored[${index}]`, layer, `a layer number from 1 to ${layers}`);
    }
  }
  return [...new Set(stored as number[])].sort((a, b) => a - b);
}

/**
 * Simulates one backward pass of an n-layer chain whose forward pass kept the given activations, under the homework's
 * model (each needed activation recomputed from the nearest stored one below it; every use of a stored activation,
 * inputs included, is one loadmem), in WebAssembly. n = 10, every 5th stored → 20 fwd, 10 loadmem, 500 ns at
 * fwd 20 ns / loadmem 10 ns, break-even loaddisk 50 ns.
 * @example simulateRemat({ layers: 10, every: 5 })
 * With neither `every` nor `stored`, only the last layer is stored (every = layers).
 * @throws InvalidArgumentError for missing options, layers outside 1…2^24, a bad `every`/`stored` (or both given),
 *   negative or non-finite costs, or an unknown mode.
 * @throws MemoryLimitError if the 5 bytes/layer of scratch cannot be allocated.
 */
export function simulateRemat(options: RematOptions): RematResult {
  const opts = checkOptions('options', options, true, keysOf<RematOptions>()(['layers', 'every', 'stored', 'mode', 'fwdNs', 'loadmemNs', 'loaddiskNs']))!;
  const layers = positiveInt('layers', opts.layers, MAX_REMAT_LAYERS);
  const stored = storedLayers(layers, opts.every, opts.stored);
  const mode = opts.mode ?? 'recompute';
  if (mode !== 'recompute' && mode !== 'cache-segments') {
    throw new InvalidArgumentError('mode', mode, '"recompute" or "cache-segments"');
  }
  const fwdNs = nonNegative('fwdNs', opts.fwdNs ?? 20);
  const loadmemNs = nonNegative('loadmemNs', opts.loadmemNs ?? 10);
  const loaddiskNs = opts.loaddiskNs === undefined ? undefined : nonNegative('loaddiskNs', opts.loaddiskNs);

  const flagsBytes = layers;
  const scratchBytes = 4 * layers;
  const flags = allocate('layers', flagsBytes);
  let scratch: number | undefined;
  let out: number | undefined;
  try {
    scratch = allocate('layers', scratchBytes);
    out = allocate('layers', 24);
    const k = getKernels();
    const view = new Uint8Array(k.memory.buffer, flags, layers);
    view.fill(0);
    for (const layer of stored) view[layer - 1] = 1;
    k.rematSimulate(flags, layers, mode === 'recompute' ? REMAT_MODE.recompute : REMAT_MODE.cacheSegments, scratch, out);
    const [fwd, loadmem, peak] = new Float64Array(k.memory.buffer, out, 3);
    const timeNs = fwd! * fwdNs + loadmem! * loadmemNs;
    const result: RematResult = {
      layers,
      stored,
      mode,
      fwd: fwd!,
      loadmem: loadmem!,
      peakActivations: peak!,
      fwdNs,
      loadmemNs,
      timeNs,
      breakEvenLoaddiskNs: timeNs / layers,
    };
    if (loaddiskNs !== undefined) {
      const diskTime = layers * loaddiskNs;
      result.disk = {
        loaddisk: layers,
        loaddiskNs,
        timeNs: diskTime,
        faster: diskTime < timeNs ? 'disk' : diskTime > timeNs ? 'recompute' : 'tie',
      };
    }
    return result;
  } finally {
    if (out !== undefined) release(out, 24);
    if (scratch !== undefined) release(scratch, scratchBytes);
    release(flags, flagsBytes);
  }
}
