// The seeded PRNG (xoshiro256++): reproducibility, save/restore, streams, an independent check of jump(), and the
// unbiasedness of Rng.int.
import { describe, expect, it } from 'vitest';
import { createRng, fillUniform, InvalidArgumentError, Rng } from '@hw3/core';
import { prng } from '@hw3/kernels/reference';
import { chiSquareCriticalEvenDf } from './spine-helpers.js';

const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & MASK;

/** The state as 4 u64 words (word k = state[2k] low | state[2k+1] high). */
const toWords = (s: ArrayLike<number>) => [0, 1, 2, 3].map((k) => (BigInt(s[2 * k + 1]!) << 32n) | BigInt(s[2 * k]!));
const fromWords = (w: bigint[]) => w.flatMap((x) => [Number(x & 0xffffffffn), Number(x >> 32n)]);

/** xoshiro256++ written out from the paper with BigInt, independent of the reference's (hi, lo) arithmetic. */
function step(w: bigint[]): bigint {
  const [s0, s1, s2, s3] = w as [bigint, bigint, bigint, bigint];
  const result = (rotl((s0 + s3) & MASK, 23n) + s0) & MASK;
  const t = (s1 << 17n) & MASK;
  let n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  const n1 = s1 ^ n2;
  const n0 = s0 ^ n3;
  n2 ^= t;
  w[0] = n0;
  w[1] = n1;
  w[2] = n2;
  w[3] = rotl(n3, 45n);
  return result;
}

// ---- GF(2) linear algebra on 256-bit vectors packed as 8 × u32 (bit b in word b >> 5, the state's own layout) ----
type Matrix = Uint32Array[]; // 256 rows; row i holds the coefficients of output bit i

function transitionMatrix(): Matrix {
  // Column j = step(e_j): the state update is linear over GF(2) (the output scrambler does not feed back).
  const rows: Matrix = Array.from({ length: 256 }, () => new Uint32Array(8));
  for (let j = 0; j < 256; j++) {
    const e = new Array<number>(8).fill(0);
    e[j >> 5] = 2 ** (j & 31);
    const w = toWords(e);
    step(w);
    const col = fromWords(w);
    for (let i = 0; i < 256; i++) if ((col[i >> 5]! >>> (i & 31)) & 1) rows[i]![j >> 5]! |= 1 << (j & 31);
  }
  return rows;
}

function multiply(a: Matrix, b: Matrix): Matrix {
  // (AB) row i = XOR of B's rows k where A[i][k] = 1.
  return a.map((rowA) => {
    const out = new Uint32Array(8);
    for (let k = 0; k < 256; k++) {
      if ((rowA[k >> 5]! >>> (k & 31)) & 1) {
        const rowB = b[k]!;
        for (let w = 0; w < 8; w++) out[w]! ^= rowB[w]!;
      }
    }
    return out;
  });
}

function apply(m: Matrix, v: ArrayLike<number>): number[] {
  const out = new Array<number>(8).fill(0);
  for (let i = 0; i < 256; i++) {
    let parity = 0;
    const row = m[i]!;
    for (let w = 0; w < 8; w++) {
      let x = (row[w]! & v[w]!) >>> 0;
      x ^= x >>> 16;
      x ^= x >>> 8;
      x ^= x >>> 4;
      x ^= x >>> 2;
      x ^= x >>> 1;
      parity ^= x & 1;
    }
    if (parity) out[i >> 5] = (out[i >> 5]! | (1 << (i & 31))) >>> 0;
  }
  return out;
}

describe('xoshiro256++ stream', () => {
  it('matches an independent BigInt implementation of the published algorithm', () => {
    const rng = createRng(2024);
    const w = toWords(rng.getState());
    const state = Uint32Array.from(rng.getState());
    for (let k = 0; k < 1000; k++) {
      const expected = step(w);
      const hi = prng.nextU64(state);
      expect((BigInt(hi) << 32n) | BigInt(prng.lastLow())).toBe(expected);
    }
    // And the kernel's uniform fill consumes exactly those outputs.
    const u = fillUniform(new Float64Array(1000), { rng });
    const w2 = toWords(createRng(2024).getState());
    for (let k = 0; k < 1000; k++) expect(u[k]).toBe(Number(step(w2) >> 11n) * 2 ** -53);
  });

  it('same seed ⇒ same bits; different seeds ⇒ different streams', () => {
    const a = fillUniform(new Float64Array(1000), { rng: createRng(123) });
    const b = fillUniform(new Float64Array(1000), { rng: createRng(123) });
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    const seeds = [0, 1, 2, 3, 122, 124, 2 ** 32, 2 ** 53 - 1];
    const firsts = seeds.map((s) => createRng(s).getState().join(','));
    expect(new Set([...firsts, createRng(123).getState().join(',')]).size).toBe(seeds.length + 1);
    for (const s of seeds) {
      const c = fillUniform(new Float64Array(1000), { rng: createRng(s) });
      let equal = 0;
      for (let i = 0; i < 1000; i++) if (c[i] === a[i]) equal++;
      expect(equal).toBe(0);
    }
    // bigint seeds up to 2^64 − 1 are accepted; a number seed n equals the bigint n.
    expect(Rng.fromSeed(5n).getState()).toEqual(createRng(5).getState());
    expect(() => Rng.fromSeed((1n << 64n) - 1n)).not.toThrow();
  });

  it('a known seed gives known first outputs (pins SplitMix64 seeding; same in every engine)', () => {
    // SplitMix64(0) first output is 0xe220a8397b1dcdaf (Vigna's reference implementation).
    const s = createRng(0).getState();
    expect(toWords(s)[0]).toBe(0xe220a8397b1dcdafn);
  });

  it('getState / fromState resume the stream exactly, including mid-way through kernel fills', () => {
    const rng = createRng(7);
    fillUniform(new Float64Array(333), { rng });
    rng.normal();
    const saved = rng.getState();
    const restored = Rng.fromState(saved);
    const fromTyped = Rng.fromState(Uint32Array.from(saved));
    const a = fillUniform(new Float64Array(500), { rng });
    expect(Array.from(fillUniform(new Float64Array(500), { rng: restored }))).toEqual(Array.from(a));
    expect(Array.from(fillUniform(new Float64Array(500), { rng: fromTyped }))).toEqual(Array.from(a));
    // getState is a copy: mutating it does not touch the generator.
    const s = rng.getState();
    s[0] = 0;
    expect(rng.getState()[0]).not.toBe(0);
    // clone is independent.
    const c = rng.clone();
    expect(c.uniform()).toBe(rng.uniform());
    c.uniform();
    expect(c.getState()).not.toEqual(rng.getState());
  });

  it('jump() advances by 2^128 steps: checked against the GF(2) transition matrix raised to 2^128', () => {
    let m = transitionMatrix();
    // Sanity: M applied to a random state equals one step.
    const s0 = createRng(31).getState();
    const w = toWords(s0);
    step(w);
    expect(apply(m, s0)).toEqual(fromWords(w));
    for (let k = 0; k < 128; k++) m = multiply(m, m); // M^(2^128)
    for (const seed of [1, 99, 123456789]) {
      const rng = createRng(seed);
      const expected = apply(m, rng.getState());
      expect(rng.jump().getState()).toEqual(expected); // the WASM kernel
      const ref = Uint32Array.from(createRng(seed).getState());
      prng.jump(ref); // the TS reference
      expect(Array.from(ref)).toEqual(expected);
    }
  });

  it('stream(i) and split(n): distinct, reproducible, and stream i = i + 1 jumps', () => {
    const base = createRng(5);
    const before = base.getState();
    const streams = base.split(4);
    expect(base.getState()).toEqual(before); // split leaves the parent untouched
    for (let i = 0; i < 4; i++) {
      expect(streams[i]!.getState()).toEqual(base.stream(i).getState());
      const manual = base.clone();
      for (let j = 0; j <= i; j++) manual.jump();
      expect(streams[i]!.getState()).toEqual(manual.getState());
    }
    const draws = [base, ...streams].map((r) => fillUniform(new Float64Array(100), { rng: r.clone() }));
    for (let i = 0; i < draws.length; i++) {
      for (let j = i + 1; j < draws.length; j++) expect(draws[i]![0]).not.toBe(draws[j]![0]);
    }
  });
});

describe('Rng.int', () => {
  it('stays in 0 … n − 1 for small and huge n', () => {
    const rng = createRng(3);
    for (const n of [1, 2, 3, 7, 1000, 2 ** 31 + 1, 2 ** 32]) {
      for (let k = 0; k < 2000; k++) {
        const v = rng.int(n);
        if (!(Number.isInteger(v) && v >= 0 && v < n)) expect.fail(`int(${n}) gave ${v}`);
      }
    }
  });

  // χ² goodness of fit with an exact critical value (even df: P(χ² > x) = e^{−x/2} Σ_{k<df/2} (x/2)^k/k!), α = 1e-6.
  function chiSquare(counts: number[], probs: number[], total: number): number {
    return counts.reduce((s, c, i) => s + (c - total * probs[i]!) ** 2 / (total * probs[i]!), 0);
  }

  it('is uniform on 7 values (χ², df = 6, α = 1e-6)', () => {
    const rng = createRng(11);
    const N = 700_000;
    const counts = new Array<number>(7).fill(0);
    for (let k = 0; k < N; k++) counts[rng.int(7)]!++;
    expect(chiSquare(counts, new Array(7).fill(1 / 7), N)).toBeLessThan(chiSquareCriticalEvenDf(6, 1e-6));
  });

  it('has no modulo bias for n = 3·2^30 (thirds equally likely; plain x mod n would give 1/2, 1/4, 1/4)', () => {
    // 2^32 mod n = 2^30: a biased generator would put [0, 2^30) twice as often. χ² df = 2, α = 1e-6 (critical 27.6).
    const n = 3 * 2 ** 30;
    const rng = createRng(12);
    const N = 30_000;
    const counts = [0, 0, 0];
    for (let k = 0; k < N; k++) counts[Math.floor(rng.int(n) / 2 ** 30)]!++;
    const critical = chiSquareCriticalEvenDf(2, 1e-6);
    expect(critical).toBeCloseTo(2 * Math.log(1e6), 6);
    expect(chiSquare(counts, [1 / 3, 1 / 3, 1 / 3], N)).toBeLessThan(critical);
    // Power check: the biased distribution would exceed the critical value by far at this N.
    expect(chiSquare([N / 2, N / 4, N / 4], [1 / 3, 1 / 3, 1 / 3], N)).toBeGreaterThan(100 * critical);
  });

  it('rejects n outside 1 … 2^32', () => {
    const rng = createRng(1);
    for (const n of [0, -1, 1.5, NaN, 2 ** 32 + 1]) expect(() => rng.int(n)).toThrow(InvalidArgumentError);
  });
});
