// Cases shared by the fill suites (Gaussian, uniform): an n × n buffer filled in float32 and float64 by the WASM
// kernel on a WasmArray and by the plain-TS reference from the same seed (same algorithm, same bits).
import { createRng, WasmArray, type DType, type Rng } from '@hw3/core';
import { plainZeros } from '../fixtures.js';
import { QUICK_JS_MAX_SIZE, type BenchCase, type SuiteOptions } from '../suite.js';

const DTYPES: readonly DType[] = ['f32', 'f64'];

export interface FillKernels {
  /** Case name, e.g. 'normal fill (n × n)'. */
  name: string;
  wasm: (out: WasmArray, rng: Rng) => void;
  js: (state: Uint32Array, out: Float32Array | Float64Array) => void;
  /** The numpy twin's case name (numpy/twins.py), when there is one. */
  twin?: string;
}

export function fillCases({ name, wasm, js, twin }: FillKernels): (options: SuiteOptions) => BenchCase[] {
  const cases = (dtype: DType, n: number, quick: boolean): BenchCase[] => {
    const base = { name, dtype, size: n, work: n * n, unit: 'M samples/s' } as const;
    const wasmCase: BenchCase = {
      ...base,
      variant: 'wasm',
      ...(twin === undefined ? {} : { twin: `${twin} ${dtype === 'f32' ? 'float32' : 'float64'} ${n}` }),
      prepare() {
        const out = new WasmArray(dtype, n * n); // zero-filled: pages touched
        const rng = createRng(1);
        return { run: () => wasm(out, rng), dispose: () => out.free() };
      },
    };
    const jsCase: BenchCase = {
      ...base,
      variant: 'js',
      prepare() {
        const out = plainZeros(dtype, n * n);
        const state = Uint32Array.from(createRng(1).getState());
        return { run: () => js(state, out), dispose: () => {} };
      },
    };
    return quick && n > QUICK_JS_MAX_SIZE ? [wasmCase] : [wasmCase, jsCase];
  };
  return ({ sizes, quick }) => DTYPES.flatMap((dtype) => sizes.flatMap((n) => cases(dtype, n, quick)));
}

export const FILL_NOTES = ['M samples/s = n² / time.', `--quick skips the JS reference above n = ${QUICK_JS_MAX_SIZE}.`];
