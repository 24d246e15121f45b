// Remat simulation of one backward pass over an n-layer chain storing every ⌈√n⌉-th activation, both modes:
// `simulateRemat` from @hw3/core (the public call: validation, buffers, WASM kernel) and the plain-TS reference.
import { simulateRemat, type RematMode } from '@hw3/core';
import { remat as reference } from '@hw3/kernels/reference';
import type { BenchCase, Suite, SuiteOptions } from '../suite.js';

const MODES: readonly { mode: RematMode; code: 0 | 1 }[] = [
  { mode: 'recompute', code: 0 },
  { mode: 'cache-segments', code: 1 },
];

function cases({ mode, code }: (typeof MODES)[number], n: number): BenchCase[] {
  const every = Math.ceil(Math.sqrt(n));
  const base = { name: `remat ${mode}, every ${'⌈√n⌉'}`, dtype: null, size: n, work: n, unit: 'M layers/s' } as const;
  const wasm: BenchCase = {
    ...base,
    variant: 'wasm',
    prepare: () => ({ run: () => simulateRemat({ layers: n, every, mode }), dispose: () => {} }),
  };
  const js: BenchCase = {
    ...base,
    variant: 'js',
    prepare() {
      const stored = new Uint8Array(n);
      for (let i = every; i <= n; i += every) stored[i - 1] = 1;
      return { run: () => reference.rematSimulate(stored, code), dispose: () => {} };
    },
  };
  return [wasm, js];
}

export const rematSuite: Suite = {
  name: 'remat',
  title: 'Remat simulation, n-layer chain, checkpoints every ⌈√n⌉ layers',
  notes: ['M layers/s = n / time; WASM goes through simulateRemat (validation and buffers included).'],
  cases: ({ sizes }: SuiteOptions) => MODES.flatMap((m) => sizes.flatMap((n) => cases(m, n))),
};
