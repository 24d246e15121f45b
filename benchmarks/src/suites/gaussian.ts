// Gaussian fill of an n × n buffer (a weight matrix's initialisation), float32 and float64: the WASM ziggurat on a
// WasmArray and the plain-TS reference (same algorithm, same bits).
import { createRng, fillNormal, WasmArray, type DType } from '@hw3/core';
import { gaussian as reference } from '@hw3/kernels/reference';
import { plainZeros } from '../fixtures.js';
import { QUICK_JS_MAX_SIZE, type BenchCase, type Suite, type SuiteOptions } from '../suite.js';

const DTYPES: readonly DType[] = ['f32', 'f64'];
const NAME = 'normal fill (n × n)';

function cases(dtype: DType, n: number, quick: boolean): BenchCase[] {
  const base = { name: NAME, dtype, size: n, work: n * n, unit: 'M samples/s' } as const;
  const wasm: BenchCase = {
    ...base,
    variant: 'wasm',
    prepare() {
      const out = new WasmArray(dtype, n * n); // zero-filled: pages touched
      const options = { rng: createRng(1), mean: 0, std: 1 };
      return { run: () => fillNormal(out, options), dispose: () => out.free() };
    },
  };
  const js: BenchCase = {
    ...base,
    variant: 'js',
    prepare() {
      const out = plainZeros(dtype, n * n);
      const state = Uint32Array.from(createRng(1).getState());
      return {
        run: () =>
          out instanceof Float32Array ? reference.normalF32(state, out, 0, 1) : reference.normalF64(state, out, 0, 1),
        dispose: () => {},
      };
    },
  };
  return quick && n > QUICK_JS_MAX_SIZE ? [wasm] : [wasm, js];
}

export const gaussianSuite: Suite = {
  name: 'gaussian',
  title: 'Gaussian fill N(0, 1), n × n samples (ziggurat on xoshiro256++)',
  notes: ['M samples/s = n² / time.', `--quick skips the JS reference above n = ${QUICK_JS_MAX_SIZE}.`],
  cases: ({ sizes, quick }: SuiteOptions) => DTYPES.flatMap((dtype) => sizes.flatMap((n) => cases(dtype, n, quick))),
  goals: [
    {
      label: 'Gaussian f64, n = 4096 (16.8 M samples): ≥ 150 M samples/s',
      match: { name: NAME, dtype: 'f64', size: 4096, variant: 'wasm' },
      kind: 'throughput',
      target: 150,
    },
  ],
};
