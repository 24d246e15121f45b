// Uniform fill on [0, 1) of an n × n buffer, float32 and float64: WASM on a WasmArray and the plain-TS reference.
import { fillUniform } from '@hw3/core';
import { prng as reference } from '@hw3/kernels/reference';
import type { Suite } from '../suite.js';
import { FILL_NOTES, fillCases } from './fill-cases.js';

export const uniformSuite: Suite = {
  name: 'uniform',
  title: 'Uniform fill on [0, 1), n × n samples (xoshiro256++, 53-bit uniforms)',
  notes: FILL_NOTES,
  cases: fillCases({
    name: 'uniform fill (n × n)',
    wasm: (out, rng) => fillUniform(out, { rng, low: 0, high: 1 }),
    js: (state, out) =>
      out instanceof Float32Array ? reference.uniformF32(state, out, 0, 1) : reference.uniformF64(state, out, 0, 1),
  }),
};
