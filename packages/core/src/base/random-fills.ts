// Filling buffers with random samples in WebAssembly: normal (256-layer ziggurat) and uniform, f32 or f64, in place.
import type { FloatInput } from './wasm-array.js';
import { InvalidArgumentError } from './errors.js';
import type { Rng } from './rng.js';
import { getKernels } from './runtime.js';
import { withStaged } from './staging.js';
import { dtypeOf, finite, keysOf, options as checkOptions, positive } from './validate.js';

/** Options of `fillNormal`. */
export interface NormalOptions {
  /** The generator to draw from; advanced by the draw. */
  rng: Rng;
  /** Mean, finite (default 0). */
  mean?: number;
  /** Standard deviation, finite and > 0 (default 1). */
  std?: number;
}

/** Options of `fillUniform`. */
export interface UniformOptions {
  /** The generator to draw from; advanced by the draw. */
  rng: Rng;
  /** Lower bound, finite (default 0). */
  low?: number;
  /** Upper bound, finite and > low (default 1). */
  high?: number;
}

/** Largest finite value of each output precision. */
const LARGEST = { f32: 3.4028234663852886e38, f64: Number.MAX_VALUE } as const;
/** A bound on |z| for the ziggurat's standard normal samples (see fillNormal). */
const SAMPLE_BOUND = 15;

function checkRng(rng: unknown): Rng {
  if (typeof rng !== 'object' || rng === null || typeof (rng as Rng).withState !== 'function') {
    throw new InvalidArgumentError('rng', rng, 'an Rng (createRng(seed))');
  }
  return rng as Rng;
}

/**
 * Fills `out` with N(mean, std²) samples (256-layer ziggurat on xoshiro256++), in place, and returns it.
 * Float32 output is the float64 sample rounded once, so one seed gives the same numbers in both precisions up to
 * rounding.
 * @example fillNormal(new Float64Array(1000), { rng: createRng(1) })
 * @throws InvalidArgumentError for a non-typed-array `out`, missing options or `rng`, a non-finite `mean` or `std` ≤ 0.
 * @throws DTypeError for a typed array other than Float32Array/Float64Array.
 * @throws UseAfterFreeError for a freed WasmArray; MemoryLimitError if a plain `out` cannot be staged.
 * A rejected call draws nothing (the generator is unchanged).
 */
export function fillNormal<T extends FloatInput>(out: T, options: NormalOptions): T {
  const dtype = dtypeOf('out', out);
  const opts = checkOptions('options', options, true, keysOf<NormalOptions>()(['rng', 'mean', 'std']))!;
  const rng = checkRng(opts.rng);
  const mean = finite('mean', opts.mean ?? 0);
  const std = positive('std', opts.std ?? 1);
  // Every ziggurat sample has |z| < 14 (the tail's largest draw from 53 random bits is R + ln(2⁵³)/R), so this keeps samples finite.
  if (!(Math.abs(mean) + SAMPLE_BOUND * std <= LARGEST[dtype])) {
    throw new InvalidArgumentError('std', std, `small enough that |mean| + ${SAMPLE_BOUND}·std stays finite in ${dtype} (≤ ${LARGEST[dtype]}); mean is ${mean}`);
  }
  // Read the length now: a view of WebAssembly memory reads 0 once a staging allocation has grown the memory.
  const n = out.length;
  if (n === 0) return out;
  withStaged([{ param: 'out', value: out, mode: 'out' }], ([outPtr]) =>
    rng.withState((statePtr) => {
      const k = getKernels();
      (dtype === 'f32' ? k.normalF32 : k.normalF64)(statePtr, outPtr!, n, mean, std);
    }),
  );
  return out;
}

/**
 * Fills `out` with uniform samples on [low, high), in place, and returns it: U has 53 random bits (f64) or 24 (f32),
 * one generator step per sample either way. Rounding low + (high − low)·U can still give `high` itself in rare
 * cases (f64: probability ≤ 2⁻⁵³ per sample; f32 off [0, 1): ≤ 2⁻²⁴); on [0, 1) the result is always < 1.
 * @example fillUniform(new Float32Array(10), { rng: createRng(1), low: -1, high: 1 })
 * @throws InvalidArgumentError for a non-typed-array `out`, missing options or `rng`, non-finite bounds or high ≤ low.
 * @throws DTypeError for a typed array other than Float32Array/Float64Array.
 * @throws UseAfterFreeError for a freed WasmArray; MemoryLimitError if a plain `out` cannot be staged.
 */
export function fillUniform<T extends FloatInput>(out: T, options: UniformOptions): T {
  const dtype = dtypeOf('out', out);
  const opts = checkOptions('options', options, true, keysOf<UniformOptions>()(['rng', 'low', 'high']))!;
  const rng = checkRng(opts.rng);
  const low = finite('low', opts.low ?? 0);
  const high = finite('high', opts.high ?? 1);
  if (!(high > low)) throw new InvalidArgumentError('high', high, `greater than low (${low})`);
  // The kernel computes low + (high − low)·U: the width and the bounds must be finite in the output's precision.
  if (!(high - low <= Number.MAX_VALUE) || Math.max(Math.abs(low), Math.abs(high)) > LARGEST[dtype]) {
    throw new InvalidArgumentError('high', high, `such that high − low and both bounds are finite in ${dtype} (|bound| ≤ ${LARGEST[dtype]}, high − low ≤ ${Number.MAX_VALUE}); low is ${low}`);
  }
  const n = out.length; // before staging (see fillNormal)
  if (n === 0) return out;
  withStaged([{ param: 'out', value: out, mode: 'out' }], ([outPtr]) =>
    rng.withState((statePtr) => {
      const k = getKernels();
      (dtype === 'f32' ? k.uniformF32 : k.uniformF64)(statePtr, outPtr!, n, low, high);
    }),
  );
  return out;
}
