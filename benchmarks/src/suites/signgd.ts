// SignGD outer update in place, W ← W − η·sign(g xᵀ), W (n × n): the WASM kernel on WasmArrays and the plain-TS
// reference. Each call moves W a little (η = 1e-3); values stay O(1), so the data never turns subnormal or NaN.
import { signgdOuterUpdate, type DType } from '@hw3/core';
import { signgd as reference } from '@hw3/kernels/reference';
import { bytesOf, freeAll, randomPlain, randomWasm } from '../fixtures.js';
import { QUICK_JS_MAX_SIZE, type BenchCase, type Goal, type Suite, type SuiteOptions } from '../suite.js';

const DTYPES: readonly DType[] = ['f32', 'f64'];
const NAME = 'W ← W − η·sign(g xᵀ)';
const LR = 1e-3;

function cases(dtype: DType, n: number, quick: boolean): BenchCase[] {
  // Bytes moved per call: W read and written, g and x read.
  const work = (2 * n * n + 2 * n) * bytesOf(dtype);
  const base = { name: NAME, dtype, size: n, work, unit: 'GB/s', limit: 'update' } as const;
  const wasm: BenchCase = {
    ...base,
    variant: 'wasm',
    twin: `signgd ${dtype === 'f32' ? 'float32' : 'float64'} ${n}`,
    prepare() {
      const W = randomWasm(dtype, n * n, 1);
      const g = randomWasm(dtype, n, 2);
      const x = randomWasm(dtype, n, 3);
      const options = { rows: n, cols: n, lr: LR };
      return { run: () => signgdOuterUpdate(W, g, x, options), dispose: () => freeAll(W, g, x) };
    },
  };
  const js: BenchCase = {
    ...base,
    variant: 'js',
    prepare() {
      const W = randomPlain(dtype, n * n, 1);
      const g = randomPlain(dtype, n, 2);
      const x = randomPlain(dtype, n, 3);
      return { run: () => reference.signgdOuter(W, g, x, n, n, LR), dispose: () => {} };
    },
  };
  return quick && n > QUICK_JS_MAX_SIZE ? [wasm] : [wasm, js];
}

const goals: Goal[] = DTYPES.flatMap((dtype): Goal[] => [
  {
    label: `SignGD outer ${dtype}, n = 4096: ≥ 0.9 × in-place update bandwidth`,
    match: { name: NAME, dtype, size: 4096, variant: 'wasm' },
    kind: 'ratio',
    target: 0.9,
  },
  {
    label: `SignGD outer ${dtype}, n = 4096: ≥ 1.8 × numpy (sign, outer product by row blocks, in place)`,
    match: { name: NAME, dtype, size: 4096, variant: 'wasm' },
    kind: 'numpy',
    target: 1.8,
  },
]);

export const signgdSuite: Suite = {
  name: 'signgd',
  title: 'SignGD outer update in place, W (n × n)',
  notes: [
    'GB/s = (bytes of W read + written, plus g and x read) / time. × limit = that / the in-place update bandwidth',
    '(read + write, the same access pattern), paired.',
    `--quick skips the JS reference above n = ${QUICK_JS_MAX_SIZE}.`,
  ],
  cases: ({ sizes, quick }: SuiteOptions) => DTYPES.flatMap((dtype) => sizes.flatMap((n) => cases(dtype, n, quick))),
  goals,
};
