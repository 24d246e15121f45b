import type { FloatInput } from './api.js';
import { InvalidArgumentError } from './errors.js';
import type { Rng } from './rng.js';
import { getKernels } from './runtime.js';
import { withStaged } from './staging.js';
import { dtypeOf, finite, options as checkOptions, positive } from './validate.js';

export interface NormalOptions {
  /** The generator to draw from; advanced by the draw. */
  rng: Rng;
  mean?: number;
  /** Standard deviation, > 0. */
  std?: number;
}

export interface UniformOptions {
  rng: Rng;
  low?: number;
  /** > low. */
  high?: number;
}

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
 * @throws InvalidArgumentError for a non-float `out`, a missing `rng`, a non-finite `mean` or `std` ≤ 0.
 */
export function fillNormal<T extends FloatInput>(out: T, options: NormalOptions): T {
  const dtype = dtypeOf('out', out);
  const opts = checkOptions('options', options, true)!;
  const rng = checkRng(opts.rng);
  const mean = finite('mean', opts.mean ?? 0);
  const std = positive('std', opts.std ?? 1);
  if (out.length === 0) return out;
  withStaged([{ param: 'out', value: out, mode: 'out' }], ([outPtr]) =>
    rng.withState((statePtr) => {
      const k = getKernels();
      (dtype === 'f32' ? k.normalF32 : k.normalF64)(statePtr, outPtr!, out.length, mean, std);
    }),
  );
  return out;
}

/**
 * Fills `out` with uniform samples on [low, high) (53 random bits each), in place, and returns it.
 * @throws InvalidArgumentError for a non-float `out`, a missing `rng`, non-finite bounds or high ≤ low.
 */
export function fillUniform<T extends FloatInput>(out: T, options: UniformOptions): T {
  const dtype = dtypeOf('out', out);
  const opts = checkOptions('options', options, true)!;
  const rng = checkRng(opts.rng);
  const low = finite('low', opts.low ?? 0);
  const high = finite('high', opts.high ?? 1);
  if (!(high > low)) throw new InvalidArgumentError('high', high, `greater than low (${low})`);
  if (out.length === 0) return out;
  withStaged([{ param: 'out', value: out, mode: 'out' }], ([outPtr]) =>
    rng.withState((statePtr) => {
      const k = getKernels();
      (dtype === 'f32' ? k.uniformF32 : k.uniformF64)(statePtr, outPtr!, out.length, low, high);
    }),
  );
  return out;
}
