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
 * - PRNG state is 4 × u32 (16 bytes) at `statePtr`; kernels read it, advance it and write it back.
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

  /** Advances the xoshiro128** state by 2^64 steps (a fresh, non-overlapping stream). */
  rngJump(statePtr: number): void;
  /** out (n × u32) ← the next n raw outputs. */
  rngFillU32(statePtr: number, outPtr: number, n: number): void;
  /** out (n × f32) ← low + (high − low)·U, U on [0, 1) with 24 bits. */
  uniformF32(statePtr: number, outPtr: number, n: number, low: number, high: number): void;
  /** out (n × f64) ← low + (high − low)·U, U on [0, 1) with 53 bits. */
  uniformF64(statePtr: number, outPtr: number, n: number, low: number, high: number): void;

  /** out (n × f32) ← mean + std·Z, 256-layer ziggurat, one 32-bit draw per fast-path sample. */
  normalF32(statePtr: number, outPtr: number, n: number, mean: number, std: number): void;
  /** out (n × f64) ← mean + std·Z, 256-layer ziggurat, two 32-bit draws (53-bit uniform) per fast-path sample. */
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
   * One backward pass of an n-layer chain under the homework's remat model (see assembly/remat.ts).
   * stored (n × u8, layer i at i−1), scratch (n × i32), out (3 × f64) ← [fwd, loadmem, peak resident].
   * mode: 0 recompute every activation from its checkpoint, 1 recompute each segment once and cache it.
   */
  rematSimulate(storedPtr: number, n: number, mode: number, scratchPtr: number, outPtr: number): void;

  /** Σ of n f64: a read-bandwidth probe. */
  sumF64(ptr: number, n: number): number;
  /** memory.copy of `bytes` bytes: a copy-bandwidth probe. */
  copyBytes(dst: number, src: number, bytes: number): void;
}

/** Linear memory maximum declared in asconfig.json (pages of 64 KiB). */
export const MAX_MEMORY_PAGES = 32768;
export const MAX_MEMORY_BYTES = MAX_MEMORY_PAGES * 65536;

export const REMAT_MODE = { recompute: 0, cacheSegments: 1 } as const;
