/**
 * The raw kernel ABI of build/hw3.wasm.
 *
 * Contract, for every kernel:
 * - Pointers are byte offsets into the module's linear memory, obtained from `alloc` (16-byte aligned, so v128 loads on
 *   them are aligned). The caller owns every buffer: kernels never allocate, and write only into the buffers they are
 *   given (`out`, `y`, or `W` for in-place updates).
 * - Matrices are dense row-major with no padding: element (r, c) of W (rows × cols) is at `wPtr + (r·cols + c)·size`.
 * - Sizes are element counts (i32, > 0); nothing is checked here. `@hw3/core` validates every argument before calling
 *   in, because a bad pointer or size inside the module is silent memory corruption, not an error.
 * - PRNG state is xoshiro256++'s 4 × u64 (32 bytes, little-endian) at `statePtr`; kernels read it, advance it and write it back.
 * - After any call that may allocate (`alloc`), the memory may have grown and existing typed-array views on
 *   `memory.buffer` are detached: re-create them.
 */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;

  /** Returns a 16-byte-aligned block of `bytes` bytes, or traps when the memory maximum is reached. */
  alloc(bytes: number): number;
  free(ptr: number): void;
  /** Committed linear memory in bytes. */
  memoryBytes(): number;

  /** Advances the xoshiro256++ state by 2^128 steps (a fresh, non-overlapping stream). */
  rngJump(statePtr: number): void;
  /** out (n × u32) ← the high 32 bits of the next n outputs. */
  rngFillU32(statePtr: number, outPtr: number, n: number): void;
  /** out (n × f32) ← low + (high − low)·U, U on [0, 1) with 24 bits. */
  uniformF32(statePtr: number, outPtr: number, n: number, low: number, high: number): void;
  /** out (n × f64) ← low + (high − low)·U, U on [0, 1) with 53 bits. */
  uniformF64(statePtr: number, outPtr: number, n: number, low: number, high: number): void;

  /** out (n × f32) ← mean + std·Z rounded once: the same draws as normalF64 (one 64-bit output per fast-path sample). */
  normalF32(statePtr: number, outPtr: number, n: number, mean: number, std: number): void;
  /** out (n × f64) ← mean + std·Z, 256-layer ziggurat, one 64-bit output (53-bit uniform) per fast-path sample. */
  normalF64(statePtr: number, outPtr: number, n: number, mean: number, std: number): void;

  /** y (rows) ← W (rows × cols) · x (cols). */
  matvecF32(wPtr: number, xPtr: number, yPtr: number, rows: number, cols: number): void;
  matvecF64(wPtr: number, xPtr: number, yPtr: number, rows: number, cols: number): void;
  /** y (cols) ← Wᵀ · g, W (rows × cols), g (rows). */
  matvecTransposedF32(wPtr: number, gPtr: number, yPtr: number, rows: number, cols: number): void;
  matvecTransposedF64(wPtr: number, gPtr: number, yPtr: number, rows: number, cols: number): void;

  /** W (rows × cols) ← W − lr·sign(g xᵀ), g (rows), x (cols); sign(0) = sign(NaN) = 0. */
  signgdOuterF32(wPtr: number, gPtr: number, xPtr: number, rows: number, cols: number, lr: number): void;
  signgdOuterF64(wPtr: number, gPtr: number, xPtr: number, rows: number, cols: number, lr: number): void;
  /** W (n) ← W − lr·sign(G), G (n). */
  signgdF32(wPtr: number, gPtr: number, n: number, lr: number): void;
  signgdF64(wPtr: number, gPtr: number, n: number, lr: number): void;
  /**
   * Problem 1b's trials for one grid point (B = 1): per trial x (d1) and g (d2) ~ N(0, I) from the state, W (d2 × d1) ←
   * −sign(g xᵀ), train[t] ← ‖W x‖²/d2, and with withFresh ≠ 0 a fresh x and fresh[t] ← ‖W x‖²/d2 (f64 outputs, trials
   * each; W, x, g, y are f32 scratch). The same bits as the per-call sequence normalF32, normalF32, fill 0,
   * signgdOuterF32, matvecF32 (and normalF32, matvecF32) with the squares summed in f64.
   */
  signgdTrialsF32(statePtr: number, wPtr: number, xPtr: number, gPtr: number, yPtr: number, d1: number, d2: number, trials: number, withFresh: number, trainPtr: number, freshPtr: number): void;

  /**
   * One backward pass of an n-layer chain under the homework's remat model (see assembly/remat.ts).
   * stored (n × u8, layer i at i−1), scratch (n × i32), out (3 × f64) ← [fwd, loadmem, peak resident].
   * mode: 0 recompute every activation from its checkpoint, 1 recompute each segment once and cache it.
   */
  rematSimulate(storedPtr: number, n: number, mode: number, scratchPtr: number, outPtr: number): void;

  /**
   * C (m × n) ← alpha·op(A)·op(B), plus the old C when accumulate ≠ 0. op(A) (m × k) is A (m × k), or A stored
   * (k × m) when transA ≠ 0; op(B) (k × n) is B (k × n), or B stored (n × k) when transB ≠ 0. pack: scratch of
   * gemmScratchBytes(k) bytes (16-byte aligned). Each C element is summed over k in order, one rounding per operation.
   */
  gemmF32(aPtr: number, bPtr: number, cPtr: number, m: number, n: number, k: number, transA: number, transB: number, alpha: number, accumulate: number, packPtr: number): void;
  /**
   * gemmF32 on columns jBegin … jEnd−1 of C only (same bits for those columns): one thread's share of a product split
   * by columns. Each thread passes its own packPtr scratch.
   */
  gemmF32Columns(aPtr: number, bPtr: number, cPtr: number, m: number, n: number, k: number, transA: number, transB: number, alpha: number, accumulate: number, packPtr: number, jBegin: number, jEnd: number): void;
  /** Bytes of gemmF32's `packPtr` scratch for inner dimension k (16-byte aligned): packed panels of op(B) and op(A). */
  gemmScratchBytes(k: number): number;
  /** Z (rows × cols) ← Z + b (cols) per row, then ReLU when relu ≠ 0; in place. */
  biasActF32(zPtr: number, bPtr: number, rows: number, cols: number, relu: number): void;
  /** D (n) ← D where H > 0 else 0 (ReLU backward from its output H); in place. */
  reluBackwardF32(dPtr: number, hPtr: number, n: number): void;
  /** out (cols) ← Σ over rows of A (rows × cols). */
  colSumF32(aPtr: number, outPtr: number, rows: number, cols: number): void;
  /** dlogits (rows × cols) ← (softmax − onehot)·gradScale; labels rows × i32 in 0 … cols−1; returns mean cross-entropy. */
  softmaxXentF32(logitsPtr: number, labelsPtr: number, dPtr: number, rows: number, cols: number, gradScale: number): number;
  /** SGD step in place; momentum > 0: buf ← μ·buf + G, W ← W − lr·buf (buf n × f32). */
  sgdF32(wPtr: number, gPtr: number, bufPtr: number, n: number, lr: number, momentum: number): void;
  /** Adam step in place; c1 = 1 − β₁ᵗ, c2 = 1 − β₂ᵗ. */
  adamF32(wPtr: number, gPtr: number, mPtr: number, vPtr: number, n: number, lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void;

  /** Transformer LayerNorm (assembly/transformer/layernorm.ts): x, y (rows × d), g, b (d); mean, rstd (rows) written. */
  layerNormForwardF32(xPtr: number, gPtr: number, bPtr: number, yPtr: number, meanPtr: number, rstdPtr: number, rows: number, d: number, eps: number): void;
  /** LayerNorm backward: accumulates into dx (rows × d), dg and db (d). */
  layerNormBackwardF32(dyPtr: number, xPtr: number, gPtr: number, meanPtr: number, rstdPtr: number, dxPtr: number, dgPtr: number, dbPtr: number, rows: number, d: number): void;
  /** y (n) ← act(x); kind 0 ReLU, 1 GELU (tanh form). */
  activationForwardF32(kind: number, xPtr: number, yPtr: number, n: number): void;
  /** dx (n) ← dy·act′(x). */
  activationBackwardF32(kind: number, xPtr: number, dyPtr: number, dxPtr: number, n: number): void;
  /** S (rows × cols) ← softmax per row in place; causal ≠ 0 keeps columns 0 … row mod cols. */
  softmaxRowsF32(sPtr: number, rows: number, cols: number, causal: number): void;
  /** dP ← P ⊙ (dP − rowsum(P ⊙ dP)) in place. */
  softmaxRowsBackwardF32(pPtr: number, dPtr: number, rows: number, cols: number): void;
  /** (B·T × H·dh) → (B·H × T × dh), or back when merge ≠ 0. */
  permuteHeadsF32(srcPtr: number, dstPtr: number, batch: number, seqLen: number, heads: number, dHead: number, merge: number): void;
  /** x (B·T × d) ← α·E[tokens] + P[t]; tokens i32 at stride `stride` per sequence. */
  embeddingForwardF32(tokPtr: number, stride: number, ePtr: number, alpha: number, pPtr: number, xPtr: number, batch: number, seqLen: number, d: number): void;
  /** dE[token] += α·dx, dP[t] += dx (rows in order). */
  embeddingBackwardF32(tokPtr: number, stride: number, dxPtr: number, alpha: number, dePtr: number, dpPtr: number, batch: number, seqLen: number, d: number): void;
  /** y (n) ← y + x. */
  addF32(yPtr: number, xPtr: number, n: number): void;
  /** x (B·T × d) += P (T × d) per sequence. */
  addPositionalF32(xPtr: number, pPtr: number, batch: number, seqLen: number, d: number): void;
  /** dP (T × d) += Σ_b dx[b]. */
  positionalBackwardF32(dxPtr: number, dpPtr: number, batch: number, seqLen: number, d: number): void;
  /** r (B × d) ← h's last row (mode 0) or mean over positions (mode 1) per sequence. */
  poolForwardF32(hPtr: number, rPtr: number, batch: number, seqLen: number, d: number, mode: number): void;
  /** dh (B·T × d) ← the pooling's backward from dr (B × d), overwritten. */
  poolBackwardF32(drPtr: number, dhPtr: number, batch: number, seqLen: number, d: number, mode: number): void;

  /** Σ of n f64: a read-bandwidth probe. */
  sumF64(ptr: number, n: number): number;
  /** memory.copy of `bytes` bytes: a copy-bandwidth probe. */
  copyBytes(dst: number, src: number, bytes: number): void;
  /** p (n f64) ← p·c in place: a read-modify-write bandwidth probe. */
  scaleF64(ptr: number, n: number, c: number): void;
  /** Peak f32 SIMD arithmetic: 12 chains of f32x4 mul + add, 96 flops per iteration; returns one lane. */
  peakF32x4(iterations: number): number;

  /**
   * Gaussian gradient estimates (assembly/estimators.ts): x = μ + σ ⊙ ε in k dims, cost f(x) = Σᵢ wᵢ h(xᵢ) with h
   * chosen by `cost` (ESTIMATOR_COST) and constant c. Runs `units` units of `batch` samples (each unit's estimate is
   * the batch average), drawing `chunkUnits` units at a time, and adds each unit's estimate to the running moments in
   * stats (7 f64 per output: [n, mean, M2, M3, M4, Σ f·s², Σ s²]; outputs: k, or 1 for the shared σ).
   * mu, sigma, w: k f64; b: constant baselines (k f64, or 1 for the shared σ). Scratch size: `gaussianEstimatorScratch`.
   */
  gaussianGradEstimates(
    statePtr: number, k: number, muPtr: number, sigmaPtr: number, wPtr: number, cost: number, c: number,
    estimator: number, param: number, baseline: number, bPtr: number,
    units: number, batch: number, chunkUnits: number, scratchPtr: number, statsPtr: number,
  ): void;
  /**
   * Exponential (rate θ) or Bernoulli (logit θ) gradient estimates of E h(x), one uniform per sample; stats one
   * 7-f64 block as above. Scratch: (chunkUnits·batch + batch + 1) f64.
   */
  scalarGradEstimates(
    statePtr: number, dist: number, theta: number, cost: number, c: number, estimator: number, baseline: number, b: number,
    units: number, batch: number, chunkUnits: number, scratchPtr: number, statsPtr: number,
  ): void;

  /**
   * Executes and validates an explicit remat trace (see assembly/remat-trace.ts for the model). ops (count × 2 × i32)
   * are [code, arg] pairs with codes REMAT_OP; sizes, fwd, bwd (n+1 × f64, index = layer); params (6 × f64) ←
   * [budget, loadmem, loaddisk, disk-write cost per size unit, memory model (REMAT_MEMORY), working slot units]; flags (n+1 × u8) scratch; out (REMAT_TRACE_OUT.length
   * × f64). Returns 0 for a valid trace, else a REMAT_TRACE_ERROR code (out[0] = failing op index, out[1..2] details).
   */
  rematTraceSimulate(
    opsPtr: number,
    opCount: number,
    n: number,
    sizesPtr: number,
    fwdPtr: number,
    bwdPtr: number,
    paramsPtr: number,
    flagsPtr: number,
    outPtr: number,
  ): number;
}

/** Linear memory maximum declared in asconfig.json (pages of 64 KiB). */
export const MAX_MEMORY_PAGES = 32768;
export const MAX_MEMORY_BYTES = MAX_MEMORY_PAGES * 65536;

export const REMAT_MODE = { recompute: 0, cacheSegments: 1 } as const;
/** Memory models of rematTraceSimulate: this lab's (a step holds its input and output) or Griewank's (checkpoints plus
 * one working slot, steps in place). */
export const REMAT_MEMORY = { lab: 0, griewank: 1 } as const;

/** Codes of the estimator kernels' arguments. */
export const ESTIMATOR_COST = { square: 0, identity: 1, bump: 2, cosine: 3 } as const;
export const ESTIMATOR_KIND = { score: 0, pathwise: 1, measureValued: 2 } as const;
export const ESTIMATOR_PARAM = { mu: 0, sigma: 1, sharedSigma: 2 } as const;
export const ESTIMATOR_BASELINE = { none: 0, constant: 1, leaveOneOut: 2, batchMean: 3 } as const;
export const ESTIMATOR_DIST = { exponential: 0, bernoulli: 1 } as const;
/** f64 per output in the estimator kernels' stats. */
export const ESTIMATOR_STAT_WORDS = 7;

/** Scratch f64 count gaussianGradEstimates needs. */
export function gaussianEstimatorScratch(k: number, estimator: number, param: number, batch: number, chunkUnits: number): number {
  const mv = estimator === ESTIMATOR_KIND.measureValued;
  const normals = mv ? (param === ESTIMATOR_PARAM.mu ? 2 * k : 5 * k) : k;
  return chunkUnits * batch * normals + batch + (param === ESTIMATOR_PARAM.sharedSigma ? 1 : k);
}

/** Op codes of a remat trace (assembly/remat-trace.ts). */
export const REMAT_OP = {
  advance: 0,
  storeMem: 1,
  storeDisk: 2,
  loadMem: 3,
  loadDisk: 4,
  backward: 5,
  freeMem: 6,
  freeDisk: 7,
} as const;

/** Error codes rematTraceSimulate returns (0 = valid trace). */
export const REMAT_TRACE_ERROR = {
  badOp: 1,
  badArg: 2,
  noWorking: 3,
  pastEnd: 4,
  storeNotWorking: 5,
  alreadyStored: 6,
  loadMemUnwritten: 7,
  loadDiskUnwritten: 8,
  backwardOrder: 9,
  missingActivation: 10,
  budget: 11,
  freeUnheld: 12,
  incomplete: 13,
  storeDiskNotInMemory: 14,
} as const;

/** Layout of rematTraceSimulate's out buffer (f64 words). */
export const REMAT_TRACE_OUT = [
  'errorOp',
  'errorA',
  'errorB',
  'forward',
  'recompute',
  'loadMem',
  'loadDisk',
  'storeMem',
  'storeDisk',
  'backward',
  'peakMemory',
  'peakDisk',
  'time',
  'timeRecompute',
  'timeLoadMem',
  'timeLoadDisk',
  'timeStoreDisk',
  'timeForward',
  'timeBackward',
] as const;
