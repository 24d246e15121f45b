// Random numbers: xoshiro256++ words, uniforms and the ziggurat normals of the WASM kernels against their JS twins
// (src/js), which core ships for single draws. Both must give the same bits and leave the same state.
import { describe, expect, it } from 'vitest';
import { gaussian, prng } from '../src/js/index.js';
import { compare, get, kernels, put, seedState } from './harness.js';

const N = 200_000; // enough normals to reach the ziggurat's wedges and its tail many times

function run<T extends Float32Array | Float64Array | Uint32Array>(Type: { new (n: number): T; new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, seed: number, call: (statePtr: number, outPtr: number) => void) {
  const statePtr = put(seedState(seed));
  const outPtr = put(new Type(N));
  call(statePtr, outPtr);
  return { out: get(Type, outPtr, N), state: get(Uint32Array, statePtr, 8) };
}

describe('random kernels vs their JS twins', () => {
  it('rngFillU32 = prng.fillU32', () => {
    const wasm = run(Uint32Array, 1, (s, o) => kernels.rngFillU32(s, o, N));
    const state = seedState(1);
    const js = prng.fillU32(state, new Uint32Array(N));
    expect(compare('rngFillU32', wasm.out, js)).toBe(0);
    expect(wasm.state).toEqual(state);
  });

  it('uniformF64 and uniformF32 = prng.uniformF64/F32 on [−3, 5)', () => {
    const w64 = run(Float64Array, 2, (s, o) => kernels.uniformF64(s, o, N, -3, 5));
    const s64 = seedState(2);
    expect(compare('uniformF64', w64.out, prng.uniformF64(s64, new Float64Array(N), -3, 5))).toBe(0);
    expect(w64.state).toEqual(s64);
    const w32 = run(Float32Array, 3, (s, o) => kernels.uniformF32(s, o, N, -3, 5));
    const s32 = seedState(3);
    expect(compare('uniformF32', w32.out, prng.uniformF32(s32, new Float32Array(N), -3, 5))).toBe(0);
    expect(w32.state).toEqual(s32);
  });

  it('rngJump = prng.jump', () => {
    const statePtr = put(seedState(4));
    kernels.rngJump(statePtr);
    const state = seedState(4);
    prng.jump(state);
    expect(get(Uint32Array, statePtr, 8)).toEqual(state);
  });

  it('normalF64 and normalF32 = gaussian.normalF64/F32 (mean 0.5, std 2), tail and wedges included', () => {
    const w64 = run(Float64Array, 5, (s, o) => kernels.normalF64(s, o, N, 0.5, 2));
    const s64 = seedState(5);
    const js64 = gaussian.normalF64(s64, new Float64Array(N), 0.5, 2);
    expect(compare('normalF64', w64.out, js64)).toBe(0);
    expect(w64.state).toEqual(s64);
    expect(js64.reduce((m, v) => Math.max(m, Math.abs(v - 0.5) / 2), 0)).toBeGreaterThan(3.654152885361009); // the tail was drawn
    const w32 = run(Float32Array, 6, (s, o) => kernels.normalF32(s, o, N, 0.5, 2));
    const s32 = seedState(6);
    expect(compare('normalF32', w32.out, gaussian.normalF32(s32, new Float32Array(N), 0.5, 2))).toBe(0);
    expect(w32.state).toEqual(s32);
  });
});
