// Runs a gradient estimator: WebAssembly for the built-in costs, the plain-TS engine for user formulas. Estimates
// are streamed (moments only, nothing per sample is kept) so millions of samples cost no memory.
import {
  ESTIMATOR_BASELINE,
  ESTIMATOR_DIST,
  ESTIMATOR_KIND,
  ESTIMATOR_PARAM,
  gaussianEstimatorScratch,
} from '@hw3/kernels';
import { estimators as estimatorsJs } from '@hw3/kernels/js';
import { CancelledError, InvalidArgumentError } from '../base/errors.js';
import type { Rng } from '../base/rng.js';
import { allocate, getKernels, release } from '../base/runtime.js';
import { keysOf, options as checkOptions, positiveInt } from '../base/validate.js';
import { STAT_WORDS, summarize } from './moments.js';
import {
  checkDistribution,
  checkEstimatorFor,
  resolveCost,
  type BaselineKind,
  type CostSpec,
  type DistributionSpec,
  type EstimatorKind,
  type GradParam,
  type ResolvedCost,
} from './request.js';

/** What to estimate: distribution, cost, estimator, parameter, baseline, sample count and the generator. */
export interface EstimateOptions {
  distribution: DistributionSpec;
  cost: CostSpec;
  estimator: EstimatorKind;
  /** Default: the distribution's first parameter (μ, rate, logit). */
  param?: GradParam;
  /** Score function only (default 'none'). */
  baseline?: BaselineKind;
  /** For baseline 'constant': one value, or one per output. */
  baselineValue?: number | readonly number[];
  /** Samples per batch (≥ 2 for 'leave-one-out' and 'batch-mean'; default 1, or 10 for those two). */
  batchSize?: number;
  /** Samples drawn in total (rounded down to whole batches). */
  samples: number;
  /** Samples of the independent pilot run that estimates the optimal baseline (default min(samples, 20000); 20000
   * for a GradientEstimator, which does not know the total). The pilot draws first, from the same generator. */
  pilotSamples?: number;
  /** Advanced by the run. */
  rng: Rng;
}

/** One output per coordinate (μᵢ, σᵢ), or one (shared σ, rate, logit). Each unit is the average of one batch. */
export interface GradientEstimate {
  mean: number[];
  /** Standard error of `mean`. */
  stderr: number[];
  /** Variance of one unit's estimate (one sample's, when batchSize is 1). */
  variance: number[];
  /** Standard error of `variance` (fourth-moment formula). */
  varianceStderr: number[];
  units: number;
  batchSize: number;
  samples: number;
  /** The constant baseline used per output (given, or estimated for 'optimal'). */
  baseline?: number[];
  engine: 'wasm' | 'js';
}

const MAX_SAMPLES = 1e12;
const ESTIMATE_OPTION_KEYS = keysOf<EstimateOptions>()(['distribution', 'cost', 'estimator', 'param', 'baseline', 'baselineValue', 'batchSize', 'samples', 'pilotSamples', 'rng']);
const CHUNK_DRAWS = 1 << 15; // draws per kernel chunk: 256 KiB of scratch

/**
 * A resumable estimator run: `run(samples)` adds samples, `result()` reads the statistics so far.
 * @throws InvalidArgumentError (at construction) for a bad distribution, cost, estimator/param pair (e.g. pathwise
 * for the Bernoulli), baseline or batch size.
 */
export class GradientEstimator {
  readonly dist: DistributionSpec;
  readonly estimator: EstimatorKind;
  readonly param: GradParam;
  readonly baseline: BaselineKind;
  readonly batchSize: number;
  readonly outputs: number;
  /** Coordinates per sample (k for the Gaussian, 1 otherwise). */
  readonly dimension: number;
  readonly engine: 'wasm' | 'js';
  #cost: ResolvedCost;
  #rng: Rng;
  #stats: Float64Array;
  #b: Float64Array;
  #pilotSamples: number;
  #needsPilot: boolean;

  constructor(options: Omit<EstimateOptions, 'samples'>) {
    checkOptions('options', options, true, ESTIMATE_OPTION_KEYS);
    // Duck-typed like fillNormal's check: an Rng from another copy of this module works too.
    if (typeof (options.rng as Rng | undefined)?.withState !== 'function') throw new InvalidArgumentError('rng', options.rng, 'an Rng (createRng(seed))');
    this.dist = checkDistribution(options.distribution);
    const { estimator, param } = checkEstimatorFor(this.dist, options.estimator, options.param);
    this.estimator = estimator;
    this.param = param;
    const dim = this.dist.kind === 'gaussian' ? this.dist.mu.length : 1;
    this.dimension = dim;
    this.#cost = resolveCost(options.cost, dim);
    const baseline = options.baseline ?? 'none';
    if (!['none', 'constant', 'optimal', 'leave-one-out', 'batch-mean'].includes(baseline)) {
      throw new InvalidArgumentError('baseline', baseline, "'none', 'constant', 'optimal', 'leave-one-out' or 'batch-mean'");
    }
    if (baseline !== 'none' && estimator !== 'score') throw new InvalidArgumentError('baseline', baseline, "'none' (baselines apply to the score function)");
    this.baseline = baseline;
    const batched = baseline === 'leave-one-out' || baseline === 'batch-mean';
    this.batchSize = positiveInt('batchSize', options.batchSize ?? (batched ? 10 : 1), 1_000_000);
    if (batched && this.batchSize < 2) throw new InvalidArgumentError('batchSize', this.batchSize, `at least 2 for the ${baseline} baseline`);
    const shared = this.dist.kind === 'gaussian' && param === 'sigma' && typeof this.dist.sigma === 'number';
    this.outputs = this.dist.kind === 'gaussian' && !shared ? dim : 1;
    this.#b = new Float64Array(this.outputs);
    if (baseline === 'constant') {
      const v = options.baselineValue;
      const values = typeof v === 'number' ? new Array<number>(this.outputs).fill(v) : Array.isArray(v) ? v : [];
      if (values.length !== this.outputs || !values.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new InvalidArgumentError('baselineValue', v, `a finite number or ${this.outputs} finite numbers`);
      }
      this.#b.set(values);
    }
    this.#pilotSamples = options.pilotSamples === undefined ? 20_000 : positiveInt('pilotSamples', options.pilotSamples, MAX_SAMPLES);
    this.#needsPilot = baseline === 'optimal';
    this.engine = this.#cost.code === undefined || (this.dist.kind !== 'gaussian' && options.cost.kind === 'linear') ? 'js' : 'wasm';
    this.#rng = options.rng;
    this.#stats = new Float64Array(this.outputs * STAT_WORDS);
  }

  /**
   * Draws `samples` more samples (rounded down to whole batches).
   * @throws InvalidArgumentError for a bad count, or (param 'formula' or 'cost') when the estimates are not finite —
   * e.g. sqrt(x) at negative samples; the estimator is unusable afterwards.
   */
  run(samples: number): this {
    positiveInt('samples', samples, MAX_SAMPLES);
    // Fewer samples than one batch would add nothing and silently report no estimate.
    if (samples < this.batchSize) throw new InvalidArgumentError('samples', samples, `at least batchSize (${this.batchSize}): samples are drawn in whole batches`);
    if (this.#needsPilot) {
      this.#needsPilot = false;
      const pilot = new Float64Array(this.outputs * STAT_WORDS);
      this.#execute(pilot, 'none', this.#pilotSamples, 1);
      for (let i = 0; i < this.outputs; i++) this.#b[i] = pilot[i * STAT_WORDS + 5]! / pilot[i * STAT_WORDS + 6]!;
    }
    let units = Math.floor(samples / this.batchSize);
    while (units > 0) {
      const slice = Math.min(units, 1 << 24);
      this.#execute(this.#stats, this.baseline, slice, this.batchSize);
      units -= slice;
    }
    for (let i = 0; i < this.outputs; i++) {
      if (!Number.isFinite(this.#stats[i * STAT_WORDS + 1]!) || !Number.isFinite(this.#stats[i * STAT_WORDS + 2]!)) {
        const formula = this.#cost.code === undefined;
        throw new InvalidArgumentError(formula ? 'formula' : 'cost', this.#cost.label, 'a cost with finite values and derivatives at the sampled points (the estimates overflowed or were undefined)');
      }
    }
    return this;
  }

  /** The statistics of every sample drawn so far. */
  result(): GradientEstimate {
    const s = Array.from({ length: this.outputs }, (_, i) => summarize(this.#stats, i));
    const units = s[0]?.n ?? 0;
    return {
      mean: s.map((m) => m.mean),
      stderr: s.map((m) => m.stderr),
      variance: s.map((m) => m.variance),
      varianceStderr: s.map((m) => m.varianceStderr),
      units,
      batchSize: this.batchSize,
      samples: units * this.batchSize,
      ...(this.baseline === 'constant' || this.baseline === 'optimal' ? { baseline: Array.from(this.#b) } : {}),
      engine: this.engine,
    };
  }

  #codes(baseline: BaselineKind) {
    const kind = { score: ESTIMATOR_KIND.score, pathwise: ESTIMATOR_KIND.pathwise, 'measure-valued': ESTIMATOR_KIND.measureValued }[this.estimator];
    const base =
      baseline === 'constant' || baseline === 'optimal'
        ? ESTIMATOR_BASELINE.constant
        : baseline === 'leave-one-out'
          ? ESTIMATOR_BASELINE.leaveOneOut
          : baseline === 'batch-mean'
            ? ESTIMATOR_BASELINE.batchMean
            : ESTIMATOR_BASELINE.none;
    return { kind, base };
  }

  #execute(stats: Float64Array, baseline: BaselineKind, units: number, batch: number): void {
    const { kind, base } = this.#codes(baseline);
    const cost = this.#cost;
    const d = this.dist;
    if (d.kind === 'gaussian') {
      const k = d.mu.length;
      const sigma = typeof d.sigma === 'number' ? new Array<number>(k).fill(d.sigma) : d.sigma;
      const param = this.param === 'mu' ? ESTIMATOR_PARAM.mu : this.outputs === 1 && typeof d.sigma === 'number' ? ESTIMATOR_PARAM.sharedSigma : ESTIMATOR_PARAM.sigma;
      const w = Float64Array.from({ length: k }, (_, i) => cost.weight(i));
      const drawsPerUnit = Math.max(1, gaussianEstimatorScratch(k, kind, param, batch, 1) - batch - this.outputs);
      const chunkUnits = Math.max(1, Math.min(units, Math.floor(CHUNK_DRAWS / drawsPerUnit)));
      if (cost.code === undefined) {
        this.#withJsState((state) =>
          estimatorsJs.gaussianGradEstimates(
            state,
            { k, mu: d.mu, sigma, w, cost: cost.scalar, estimator: kind, param, baseline: base, b: this.#b, units, batch, chunkUnits },
            stats,
          ),
        );
        return;
      }
      const code = cost.code;
      const scratch = gaussianEstimatorScratch(k, kind, param, batch, chunkUnits);
      this.#withBuffers([Float64Array.from(d.mu), Float64Array.from(sigma), w, this.#b, new Float64Array(scratch), stats], (p, statePtr) =>
        getKernels().gaussianGradEstimates(statePtr, k, p[0]!, p[1]!, p[2]!, code, cost.c, kind, param, base, p[3]!, units, batch, chunkUnits, p[4]!, p[5]!),
      );
      return;
    }
    const dist = d.kind === 'exponential' ? ESTIMATOR_DIST.exponential : ESTIMATOR_DIST.bernoulli;
    const theta = d.kind === 'exponential' ? d.rate : d.logit;
    const chunkUnits = Math.max(1, Math.min(units, Math.floor(CHUNK_DRAWS / batch)));
    if (this.engine === 'js') {
      const w = cost.weight(0);
      const scalar = { h: (x: number) => w * cost.scalar.h(x), dh: (x: number) => w * cost.scalar.dh(x) };
      this.#withJsState((state) =>
        estimatorsJs.scalarGradEstimates(state, { dist, theta, cost: scalar, estimator: kind, baseline: base, b: this.#b[0]!, units, batch, chunkUnits }, stats),
      );
      return;
    }
    const code = cost.code!;
    this.#withBuffers([new Float64Array(chunkUnits * batch + batch + 1), stats], (p, statePtr) =>
      getKernels().scalarGradEstimates(statePtr, dist, theta, code, cost.c, kind, base, this.#b[0]!, units, batch, chunkUnits, p[0]!, p[1]!),
    );
  }

  // Copies the arrays into WebAssembly memory, runs, copies the last one (the stats) back, always releases.
  #withBuffers(arrays: Float64Array[], run: (pointers: number[], statePtr: number) => void): void {
    const held: { ptr: number; bytes: number }[] = [];
    try {
      for (const a of arrays) held.push({ ptr: allocate('estimator buffers', a.byteLength), bytes: a.byteLength });
      const buffer = getKernels().memory.buffer;
      arrays.forEach((a, i) => new Float64Array(buffer, held[i]!.ptr, a.length).set(a));
      this.#rng.withState((statePtr) => run(held.map((h) => h.ptr), statePtr));
      const stats = arrays[arrays.length - 1]!;
      stats.set(new Float64Array(getKernels().memory.buffer, held[held.length - 1]!.ptr, stats.length));
    } finally {
      for (const h of held) release(h.ptr, h.bytes);
    }
  }

  // The JS engine advances the same generator: the state goes through the slot the kernels use.
  #withJsState(run: (state: Uint32Array) => void): void {
    this.#rng.withState((ptr) => {
      const state = Uint32Array.from(new Uint32Array(getKernels().memory.buffer, ptr, 8));
      run(state);
      new Uint32Array(getKernels().memory.buffer, ptr, 8).set(state);
    });
  }
}

/** A standard error needs at least two units (batches); fewer would return null errors. */
function checkTwoUnits(samples: number, batchSize: number): void {
  if (samples < 2 * batchSize) {
    throw new InvalidArgumentError('samples', samples, `at least 2 × batchSize = ${2 * batchSize} (two whole batches, so that a standard error exists)`);
  }
}

function withPilot(options: EstimateOptions, samples: number): EstimateOptions {
  return { ...options, pilotSamples: options.pilotSamples ?? Math.max(2, Math.min(samples, 20_000)) };
}

/**
 * Estimates a gradient of E f(x) by Monte Carlo and returns the streamed statistics.
 * @example estimateGradient({ distribution: { kind: 'gaussian', mu: [1, 2], sigma: 1 }, cost: { kind: 'sum-squares' },
 *   estimator: 'pathwise', samples: 1e6, rng: createRng(1) }).mean // ≈ [2, 4]
 * @throws InvalidArgumentError for any bad option (see GradientEstimator).
 */
export function estimateGradient(options: EstimateOptions): GradientEstimate {
  const samples = positiveInt('samples', options?.samples, MAX_SAMPLES);
  const estimator = new GradientEstimator(withPilot(options, samples));
  checkTwoUnits(samples, estimator.batchSize);
  return estimator.run(samples).result();
}

/**
 * Like estimateGradient, in slices, yielding to the event loop between them: reports progress and honours `signal`.
 * @throws CancelledError (its `partial` is the estimate so far) when `signal` aborts; InvalidArgumentError as above.
 */
export async function estimateGradientAsync(
  options: EstimateOptions,
  control: { signal?: AbortSignal; onProgress?: (fraction: number) => void; sliceSamples?: number } = {},
): Promise<GradientEstimate> {
  const samples = positiveInt('samples', options?.samples, MAX_SAMPLES);
  checkOptions('control', control, false, ['signal', 'onProgress', 'sliceSamples']);
  const est = new GradientEstimator(withPilot(options, samples));
  checkTwoUnits(samples, est.batchSize);
  const slice = Math.max(est.batchSize, control.sliceSamples ?? 1 << 18);
  let done = 0;
  while (done + est.batchSize <= samples) {
    if (control.signal?.aborted) throw new CancelledError('estimateGradient', est.result());
    const n = Math.min(slice, samples - done);
    est.run(n);
    done += n - (n % est.batchSize);
    control.onProgress?.(done / samples);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return est.result();
}
