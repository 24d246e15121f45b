// The remat planner at the scale: a revolve schedule for n = 100 000 layers with c = 100 checkpoint slots,
// generated, then executed and validated op by op in WebAssembly (≈ 4·10^5 ops, ≈ 3·10^5 forward steps). The 'js'
// row validates the same trace with the plain-TS reference simulator instead.
import { makeChain, revolveTrace, simulateTrace } from '@hw3/core';
import { rematTrace } from '@hw3/kernels/reference';
import type { BenchCase, Suite } from '../suite.js';

const N = 100_000;
const SLOTS = 100;
const NAME = `revolve plan + simulate + validate, c = ${SLOTS}`;

function cases(): BenchCase[] {
  const base = { name: NAME, dtype: null, size: N, work: N, unit: 'M layers/s' } as const;
  const chain = makeChain({ layers: N });
  const wasm: BenchCase = {
    ...base,
    variant: 'wasm',
    prepare: () => ({ run: () => simulateTrace(revolveTrace(chain, SLOTS), chain, { budget: SLOTS + 2 }).forward, dispose: () => {} }),
  };
  const js: BenchCase = {
    ...base,
    variant: 'js',
    prepare: () => ({
      run: () => rematTrace.rematTraceSimulate(revolveTrace(chain, SLOTS).ops, { ...chain, budget: SLOTS + 2 }),
      dispose: () => {},
    }),
  };
  return [wasm, js];
}

export const rematPlannerSuite: Suite = {
  name: 'remat-planner',
  title: `Remat planner: revolve schedule for n = ${N} layers, c = ${SLOTS} slots`,
  notes: [
    'M layers/s = n / time for generating the trace and running it through the validating simulator (time = n / rate).',
    'Goal from the planner issue: under a second, i.e. ≥ 0.1 M layers/s.',
  ],
  cases: ({ quick }) => (quick ? cases().slice(0, 1) : cases()),
  goals: [
    { label: 'revolve n = 100 000, c = 100 in under 1 s', match: { name: NAME, dtype: null, size: N, variant: 'wasm' }, kind: 'throughput', target: 0.1 },
  ],
};
