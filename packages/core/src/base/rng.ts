// One draw at a time runs in JavaScript (a WASM call per number would cost more than the draw): the kernels' JS twins,
// which give the WASM kernels' bits.
import { prng as prngJs, gaussian as gaussianJs } from '@hw3/kernels/js';
import type { RngState } from './types.js';
import { InvalidArgumentError } from './errors.js';
import { allocate, getKernels } from './runtime.js';

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 (Steele, Lea & Flood), the seeding Vigna recommends for xoshiro: distinct seeds, unrelated states. */
function splitMix64(seed: bigint): Uint32Array {
  const state = new Uint32Array(8);
  let x = seed & MASK64;
  for (let k = 0; k < 4; k++) {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    z ^= z >> 31n;
    state[2 * k] = Number(z & 0xffffffffn);
    state[2 * k + 1] = Number(z >> 32n);
  }
  return state;
}

function checkedState(param: string, state: unknown): Uint32Array {
  const ok =
    (state instanceof Uint32Array || Array.isArray(state)) &&
    state.length === 8 &&
    Array.from(state as ArrayLike<unknown>).every((w) => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w <= 0xffffffff);
  if (!ok) throw new InvalidArgumentError(param, state, 'an array of 8 unsigned 32-bit integers');
  const words = Uint32Array.from(state as ArrayLike<number>);
  if (words.every((w) => w === 0)) throw new InvalidArgumentError(param, state, 'not all zero (xoshiro’s one fixed point)');
  return words;
}

/** Seeds accepted everywhere: integers 0…2^53 − 1 (or bigint 0…2^64 − 1). */
export function checkSeed(param: string, seed: unknown): bigint {
  if (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0) return BigInt(seed);
  if (typeof seed === 'bigint' && seed >= 0n && seed <= MASK64) return seed;
  throw new InvalidArgumentError(param, seed, 'an integer from 0 to 2^53 − 1');
}

// One 32-byte slot in WebAssembly memory that kernels read the state from and write it back to.
let stateSlot: number | undefined;
function slot(): number {
  stateSlot ??= allocate('rng state', 32);
  return stateSlot;
}

/**
 * A seeded xoshiro256++ generator. Its state lives in JS (8 × u32), so an Rng can be saved (`getState`), restored
 * (`Rng.fromState`), copied (`clone`) and sent to a worker as plain numbers. Same seed ⇒ same bits in Node and
 * in browsers. For parallel work use `stream(i)` or `split(n)`: streams are 2^128 steps apart, so they never overlap.
 */
export class Rng {
  #state: Uint32Array;

  private constructor(state: Uint32Array) {
    this.#state = state;
  }

  /** @throws InvalidArgumentError if `seed` is not an integer in 0…2^53 − 1 (bigint: 0…2^64 − 1). */
  static fromSeed(seed: number | bigint): Rng {
    return new Rng(splitMix64(checkSeed('seed', seed)));
  }

  /** @throws InvalidArgumentError if `state` is not 8 u32 words, or all zero. */
  static fromState(state: RngState): Rng {
    return new Rng(checkedState('state', state));
  }

  /** A copy of the state (8 × u32, plain numbers: JSON- and postMessage-safe); `Rng.fromState` resumes exactly there. */
  getState(): number[] {
    return Array.from(this.#state);
  }

  /** An independent generator with the same state (both then produce the same stream). */
  clone(): Rng {
    return new Rng(this.#state.slice());
  }

  /** Advances this generator by 2^128 steps (xoshiro256++'s jump polynomial), in place; returns it. */
  jump(): this {
    const k = getKernels();
    const ptr = slot();
    new Uint32Array(k.memory.buffer, ptr, 8).set(this.#state);
    k.rngJump(ptr);
    this.#state.set(new Uint32Array(k.memory.buffer, ptr, 8));
    return this;
  }

  /**
   * Stream `index` of this generator: a copy jumped index + 1 times (this one is unchanged).
   * @throws InvalidArgumentError for an index outside 0…1 000 000.
   */
  stream(index: number): Rng {
    if (!Number.isInteger(index) || index < 0 || index > 1_000_000) {
      throw new InvalidArgumentError('index', index, 'an integer from 0 to 1000000');
    }
    const rng = this.clone();
    for (let i = 0; i <= index; i++) rng.jump();
    return rng;
  }

  /**
   * `count` independent generators: streams 0 … count − 1 (this one is unchanged).
   * @throws InvalidArgumentError for a count outside 1…4096.
   */
  split(count: number): Rng[] {
    if (!Number.isInteger(count) || count < 1 || count > 4096) {
      throw new InvalidArgumentError('count', count, 'an integer from 1 to 4096');
    }
    const out: Rng[] = [];
    const rng = this.clone();
    for (let i = 0; i < count; i++) out.push(rng.jump().clone());
    return out;
  }

  /** One uniform on [0, 1) with 53 bits (the same draw the kernels make). */
  uniform(): number {
    return prngJs.nextF64(this.#state);
  }

  /** One standard normal (the same algorithm and bits as `fillNormal`). */
  normal(): number {
    return gaussianJs.standardNormal(this.#state);
  }

  /**
   * A uniform integer in 0 … n − 1 (n ≤ 2^32), unbiased: 32-bit draws above the last whole multiple of n are redrawn.
   * @throws InvalidArgumentError for n outside 1…2^32.
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new InvalidArgumentError('n', n, 'an integer from 1 to 2^32');
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const x = prngJs.nextU64(this.#state);
      if (x < limit) return x % n;
    }
  }

  /** Runs a kernel on the state: copies it into WebAssembly memory and back. @internal */
  withState<R>(run: (statePtr: number) => R): R {
    const k = getKernels();
    const ptr = slot();
    new Uint32Array(k.memory.buffer, ptr, 8).set(this.#state);
    try {
      return run(ptr);
    } finally {
      this.#state.set(new Uint32Array(getKernels().memory.buffer, ptr, 8));
    }
  }
}

/**
 * Shorthand for `Rng.fromSeed(seed)`: SplitMix64-seeded xoshiro256++.
 * @example const rng = createRng(42);
 * @throws InvalidArgumentError if `seed` is not an integer in 0…2^53 − 1 (bigint: 0…2^64 − 1).
 */
export function createRng(seed: number | bigint): Rng {
  return Rng.fromSeed(seed);
}
