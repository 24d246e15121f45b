// Uniform fill on [0, 1) of an n × n buffer, float32 and float64: WASM on a WasmArray and the plain-TS reference.
import { createRng, fillUniform, WasmArray, type DType } from '@hw3/core';
import { prng as reference } from '@hw3/kernels/reference';
import { plainZeros } from '../fixtures.js';
import { QUICK_JS_MAX_SIZE, type BenchCase, type Suite, type SuiteOptions } from '../suite.js';

const DTYPES: readonly DType[] = ['f32', 'f64'];
const NAME = 'uniform fill (n × n)';

function cases(dtype: DType, n: number, quick: boolean): BenchCase[] {
  const base = { name: NAME, dtype, size: n, work: n * n, unit: 'M samples/s' } as const;
  const wasm: BenchCase = {
    ...base,
    variant: 'wasm',
    prepare() {
      const out = new WasmArray(dtype, n * n);
      const options = { rng: createRng(1), low: 0, high: 1 };
      return { run: () => fillUniform(out, options), dispose: () => out.free() };
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
          out instanceof Float32Array ? reference.uniformF32(state, out, 0, 1) : reference.uniformF64(state, out, 0, 1),
        dispose: () => {},
      };
    },
  };
  return quick && n > QUICK_JS_MAX_SIZE ? [wasm] : [wasm, js];
}

export const uniformSuite: Suite = {
  name: 'uniform',
  title: 'Uniform fill on [0, 1), n × n samples (xoshiro256++, 53-bit uniforms)',
  notes: ['M samples/s = n² / time.', `--quick skips the JS reference above n = ${QUICK_JS_MAX_SIZE}.`],
  cases: ({ sizes, quick }: SuiteOptions) => DTYPES.flatMap((dtype) => sizes.flatMap((n) => cases(dtype, n, quick))),
};
