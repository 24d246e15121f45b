// y = W x and y = Wᵀ g for W (n × n), float32 and float64: the WASM kernel on WasmArrays (zero-copy), the same call
// on plain typed arrays (W is copied into WebAssembly memory on every call), and the plain-TS reference.
// Throughput = bytes(W) / time for all three, so the ratio to read bandwidth shows how close each is to the limit.
import { matvec, matvecTransposed, StoredMatrix, type DType } from '@hw3/core';
import { matvec as reference } from '@hw3/kernels/reference';
import { bytesOf, freeAll, plainZeros, randomPlain, randomWasm } from '../fixtures.js';
import type { BenchCase, Goal, Suite, SuiteOptions } from '../suite.js';

const DTYPES: readonly DType[] = ['f32', 'f64'];
const OPS = [
  { name: 'y = W x', transposed: false },
  { name: 'y = Wᵀ g', transposed: true },
] as const;
const TYPED = ' (typed arrays)';
const STORED = ' (StoredMatrix, 1 thread)';
const THREADS = ' (StoredMatrix, 2 threads)';

/** y = W x through StoredMatrix (W copied in once; x in and y out per call) on 1 or 2 threads, same bits. */
function storedCase(dtype: DType, n: number, threads: 1 | 2): BenchCase {
  return {
    dtype,
    size: n,
    work: n * n * bytesOf(dtype),
    unit: 'GB/s',
    limit: 'read',
    name: `y = W x${threads === 2 ? THREADS : STORED}`,
    variant: 'wasm',
    baseline: 'y = W x',
    twin: `matvec ${dtype === 'f32' ? 'float32' : 'float64'} ${n}`,
    prepare() {
      const W = new StoredMatrix(randomPlain(dtype, n * n, 1), { rows: n, cols: n, threads });
      const x = randomPlain(dtype, n, 2);
      const y = plainZeros(dtype, n);
      return { run: () => W.multiply(x, y), dispose: () => W.free() };
    },
  };
}

function cases(op: (typeof OPS)[number], dtype: DType, n: number): BenchCase[] {
  const base = { dtype, size: n, work: n * n * bytesOf(dtype), unit: 'GB/s', limit: 'read' } as const;
  const shape = { rows: n, cols: n };
  // W is (n, n); x has length cols = n, g length rows = n: one vector length serves both directions.
  const wasm: BenchCase = {
    ...base,
    name: op.name,
    variant: 'wasm',
    twin: `${op.transposed ? 'matvecT' : 'matvec'} ${dtype === 'f32' ? 'float32' : 'float64'} ${n}`,
    prepare() {
      const W = randomWasm(dtype, n * n, 1);
      const v = randomWasm(dtype, n, 2);
      const y = randomWasm(dtype, n, 3);
      const options = { ...shape, out: y };
      return {
        run: op.transposed ? () => matvecTransposed(W, v, options) : () => matvec(W, v, options),
        dispose: () => freeAll(W, v, y),
      };
    },
  };
  const typed: BenchCase = {
    ...base,
    name: op.name + TYPED,
    variant: 'wasm',
    baseline: op.name,
    prepare() {
      const W = randomPlain(dtype, n * n, 1);
      const v = randomPlain(dtype, n, 2);
      const options = { ...shape, out: plainZeros(dtype, n) };
      return {
        run: op.transposed ? () => matvecTransposed(W, v, options) : () => matvec(W, v, options),
        dispose: () => {},
      };
    },
  };
  const js: BenchCase = {
    ...base,
    name: op.name,
    variant: 'js',
    prepare() {
      const W = randomPlain(dtype, n * n, 1);
      const v = randomPlain(dtype, n, 2);
      const y = plainZeros(dtype, n);
      return {
        run: op.transposed ? () => reference.matvecTransposed(W, v, y, n, n) : () => reference.matvec(W, v, y, n, n),
        dispose: () => {},
      };
    },
  };
  return op.transposed ? [wasm, typed, js] : [wasm, storedCase(dtype, n, 1), storedCase(dtype, n, 2), typed, js];
}

const goals: Goal[] = OPS.flatMap((op) =>
  DTYPES.flatMap((dtype): Goal[] => [
    {
      label: `matvec ${op.name} ${dtype}, n = 4096: ≥ 0.75 × read bandwidth`,
      match: { name: op.name, dtype, size: 4096, variant: 'wasm' },
      kind: 'ratio',
      target: 0.75,
    },
    {
      label: `matvec ${op.name} ${dtype}, n = 4096: ≥ 0.9 × numpy (matmul, OpenBLAS gemv)`,
      match: { name: op.name, dtype, size: 4096, variant: 'wasm' },
      kind: 'numpy',
      target: 0.9,
    },
  ]),
);

export const matvecSuite: Suite = {
  name: 'matvec',
  title: 'Matrix–vector products, W (n × n) row-major',
  notes: [
    'GB/s = bytes(W) / time (effective). × limit = that / read bandwidth, as the median ratio over back-to-back pairs.',
    `"${TYPED.trim()}": the same kernel on plain typed arrays, so W is copied into WASM memory on every call.`,
    'At n = 256 W fits in cache, so ratios above 1 are expected there; the goals are at n = 4096 (64/128 MiB).',
    `"StoredMatrix": W copied in once, x in and y out per call; "2 threads" splits W's rows with a kernel thread (same`,
    '  bits; numpy is on one thread). Read it by wall clock: --clock cpu adds both threads\' CPU time.',
  ],
  cases: ({ sizes }: SuiteOptions) =>
    OPS.flatMap((op) => DTYPES.flatMap((dtype) => sizes.flatMap((n) => cases(op, dtype, n)))),
  goals,
};
