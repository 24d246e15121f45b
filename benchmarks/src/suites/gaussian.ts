// Gaussian fill of an n × n buffer (a weight matrix's initialisation), float32 and float64: the WASM ziggurat on a
// WasmArray and the plain-TS reference (same algorithm, same bits).
import { fillNormal } from '@hw3/core';
import { gaussian as reference } from '@hw3/kernels/reference';
import type { Suite } from '../suite.js';
import { FILL_NOTES, fillCases } from './fill-cases.js';

const NAME = 'normal fill (n × n)';

export const gaussianSuite: Suite = {
  name: 'gaussian',
  title: 'Gaussian fill N(0, 1), n × n samples (ziggurat on xoshiro256++)',
  notes: FILL_NOTES,
  cases: fillCases({
    name: NAME,
    wasm: (out, rng) => fillNormal(out, { rng, mean: 0, std: 1 }),
    js: (state, out) =>
      out instanceof Float32Array ? reference.normalF32(state, out, 0, 1) : reference.normalF64(state, out, 0, 1),
    twin: 'gaussian',
  }),
  goals: [
    {
      label: 'Gaussian f64, n = 4096 (16.8 M samples): ≥ 150 M samples/s',
      match: { name: NAME, dtype: 'f64', size: 4096, variant: 'wasm' },
      kind: 'throughput',
      target: 150,
    },
    {
      label: 'Gaussian f64, n = 4096: ≥ 2.5 × numpy (Generator.standard_normal, ziggurat on PCG64)',
      match: { name: NAME, dtype: 'f64', size: 4096, variant: 'wasm' },
      kind: 'numpy',
      target: 2.5,
    },
  ],
};
