// fillNormal / fillUniform (WASM) against the plain-TS reference generator, bit for bit, from the same state: same
// samples and the same state afterwards (so the number of draws consumed, including ziggurat rejections, agrees too).
import { describe, expect, it } from 'vitest';
import { createRng, fillNormal, fillUniform, memoryUsage, Rng, WasmArray } from '@hw3/core';
import { gaussian, libm, prng } from '@hw3/kernels/reference';
import { expectSameBits, testRandom } from './spine-helpers.js';

const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 31, 1000, 200_003];
type DType = 'f32' | 'f64';
const alloc = (dtype: DType, n: number) => (dtype === 'f32' ? new Float32Array(n) : new Float64Array(n));

function refNormal(state: Uint32Array, dtype: DType, n: number, mean: number, std: number) {
  return dtype === 'f32'
    ? gaussian.normalF32(state, new Float32Array(n), mean, std)
    : gaussian.normalF64(state, new Float64Array(n), mean, std);
}
function refUniform(state: Uint32Array, dtype: DType, n: number, low: number, high: number) {
  return dtype === 'f32'
    ? prng.uniformF32(state, new Float32Array(n), low, high)
    : prng.uniformF64(state, new Float64Array(n), low, high);
}

describe.each(['f32', 'f64'] as const)('fills in %s are bit-identical to the reference', (dtype) => {
  it.each(SIZES)('fillNormal, n = %i, several mean/std', (n) => {
    for (const [seed, mean, std] of [[1, 0, 1], [2, 3, 0.5], [3, -2, 4], [4, 1e6, 1e-3]] as const) {
      const rng = createRng(seed + n);
      const state = Uint32Array.from(rng.getState());
      const out = fillNormal(alloc(dtype, n), { rng, mean, std });
      expectSameBits(out, refNormal(state, dtype, n, mean, std), `normal seed ${seed + n}`);
      expect(rng.getState()).toEqual(Array.from(state));
    }
  });

  it.each(SIZES)('fillUniform, n = %i, several ranges', (n) => {
    for (const [seed, low, high] of [[5, 0, 1], [6, -1, 1], [7, 10, 10.5], [8, -1e9, 3e9]] as const) {
      const rng = createRng(seed * 1000 + n);
      const state = Uint32Array.from(rng.getState());
      const out = fillUniform(alloc(dtype, n), { rng, low, high });
      expectSameBits(out, refUniform(state, dtype, n, low, high), `uniform seed ${seed * 1000 + n}`);
      expect(rng.getState()).toEqual(Array.from(state));
    }
  });

  it('WasmArray outputs, and consecutive fills continue one stream', () => {
    const before = memoryUsage().liveBytes;
    const rng = createRng(42);
    const state = Uint32Array.from(rng.getState());
    const a = new WasmArray(dtype, 1001);
    const b = new WasmArray(dtype, 7);
    try {
      fillNormal(a, { rng, mean: 1, std: 2 });
      fillUniform(b, { rng, low: -3, high: 5 });
      expectSameBits(a.view(), refNormal(state, dtype, 1001, 1, 2), 'normal into WasmArray');
      expectSameBits(b.view(), refUniform(state, dtype, 7, -3, 5), 'uniform into WasmArray');
      expect(rng.getState()).toEqual(Array.from(state));
    } finally {
      a.free();
      b.free();
    }
    expect(memoryUsage().liveBytes).toBe(before);
  });

  it('an empty plain output is returned untouched without drawing', () => {
    const rng = createRng(1);
    const s = rng.getState();
    expect(fillNormal(alloc(dtype, 0), { rng }).length).toBe(0);
    expect(rng.getState()).toEqual(s);
  });
});

describe('precisions and scalar draws agree', () => {
  it('f32 normals are the f64 normals rounded once (same seed)', () => {
    const a = fillNormal(new Float64Array(50_000), { rng: createRng(9), mean: 0.5, std: 3 });
    const b = fillNormal(new Float32Array(50_000), { rng: createRng(9), mean: 0.5, std: 3 });
    expectSameBits(b, Float32Array.from(a));
  });

  it('Rng.normal() and Rng.uniform() give the same draws as the kernels', () => {
    const n = 20_000;
    const r1 = createRng(77);
    const r2 = createRng(77);
    const fromKernel = fillNormal(new Float64Array(n), { rng: r1 });
    const scalar = Float64Array.from({ length: n }, () => r2.normal());
    expectSameBits(scalar, fromKernel);
    expect(r2.getState()).toEqual(r1.getState());
    const u1 = fillUniform(new Float64Array(n), { rng: r1 });
    const u2 = Float64Array.from({ length: n }, () => r2.uniform());
    expectSameBits(u2, u1);
  });

  it('uniform f64 uses the top 53 bits of one xoshiro256++ output (checked with BigInt)', () => {
    const rng = Rng.fromState([1, 2, 3, 4, 5, 6, 7, 8]);
    const state = Uint32Array.from(rng.getState());
    const u = fillUniform(new Float64Array(3), { rng });
    for (let k = 0; k < 3; k++) {
      const hi = BigInt(prng.nextU64(state));
      const lo = BigInt(prng.lastLow());
      expect(u[k]).toBe(Number(((hi << 32n) | lo) >> 11n) * 2 ** -53);
    }
  });
});

describe('ziggurat slow paths are bit-identical too', () => {
  it('4·10^6 f64 normals (≈ 1000 tail samples, ≈ 40 000 wedge tests) equal the reference, bit for bit', () => {
    // The tail (−log(1 − U)) and the wedge test (log f < −x²/2) use logDet, an fdlibm log written the same way in the
    // kernel and the reference: Math.log's last bit differs between AssemblyScript's musl port and JS engines, which
    // made tail samples differ by one ulp (and could flip a wedge decision, desynchronising the stream).
    const n = 4_000_000;
    const rng = createRng(2026);
    const state = Uint32Array.from(rng.getState());
    const out = fillNormal(new Float64Array(n), { rng });
    expectSameBits(out, gaussian.normalF64(state, new Float64Array(n), 0, 1), 'normals');
    expect(rng.getState()).toEqual(Array.from(state));
  });

  it('logDet is fdlibm\'s log: bit-identical to V8\'s Math.log (itself fdlibm) on 10^6 inputs and special values', () => {
    const rand = testRandom(5);
    const specials = [1, 2, 0.5, Math.E, 2 ** -53, 1 - 2 ** -53, 1 + 2 ** -52, 5e-324, 1e-310, Number.MAX_VALUE, 0, -0, -1, Infinity, NaN];
    for (const x of specials) expect(Object.is(libm.logDet(x), Math.log(x)), `log(${x})`).toBe(true);
    for (let k = 0; k < 1_000_000; k++) {
      const x = k % 3 === 0 ? rand() : k % 3 === 1 ? 1 + (rand() - 0.5) * 1e-5 : Math.exp((rand() - 0.5) * 1400);
      if (!Object.is(libm.logDet(x), Math.log(x))) expect.fail(`logDet(${x}) = ${libm.logDet(x)}, Math.log = ${Math.log(x)}`);
    }
  });
});

describe('uniform edges', () => {
  // A state whose next output is all ones: s0 = 0, s3 = 2^64 − 1 ⇒ rotl(s0 + s3, 23) + s0 = 2^64 − 1, the largest U.
  const maxDraw = () => Rng.fromState([0, 0, 1, 0, 0, 0, 0xffffffff, 0xffffffff]);

  it('the largest draw stays below 1 on [0, 1) in both precisions (f32 uses 24 bits, so it cannot round up to 1)', () => {
    expect(fillUniform(new Float64Array(1), { rng: maxDraw() })[0]).toBe(1 - 2 ** -53);
    expect(fillUniform(new Float32Array(1), { rng: maxDraw() })[0]).toBe(1 - 2 ** -24);
    // The reference agrees.
    expect(prng.uniformF32(Uint32Array.from(maxDraw().getState()), new Float32Array(1), 0, 1)[0]).toBe(1 - 2 ** -24);
  });

  it('the smallest draw gives low exactly', () => {
    // Output 0: s0 = 0 and s3 = 0 (s1 ≠ 0 keeps the state nonzero).
    const zero = () => Rng.fromState([0, 0, 1, 0, 0, 0, 0, 0]);
    expect(fillUniform(new Float64Array(1), { rng: zero(), low: -3, high: 5 })[0]).toBe(-3);
    expect(fillUniform(new Float32Array(1), { rng: zero(), low: -3, high: 5 })[0]).toBe(-3);
  });

  it('10^6 f32 uniforms on [0, 1) are multiples of 2^-24 in [0, 1)', () => {
    const u = fillUniform(new Float32Array(1_000_000), { rng: createRng(12) });
    for (let i = 0; i < u.length; i++) {
      const v = u[i]!;
      if (!(v >= 0 && v < 1 && Number.isInteger(v * 2 ** 24))) expect.fail(`u[${i}] = ${v}`);
    }
  });
});
