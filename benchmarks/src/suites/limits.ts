// The machine's limits, measured in the same run as the kernels: single-core read bandwidth (Σ of 256 MiB of f64 in
// WebAssembly) and copy bandwidth (memory.copy of 128 MiB into another 128 MiB). Both buffers are far larger than
// the last-level cache, so these are DRAM figures. Copy counts read + write bytes (2 × 128 MiB per call), the same
// convention as SignGD's in-place update.
import { rawKernels } from '../raw-kernels.js';
import type { BenchCase, Suite } from '../suite.js';

const MiB = 1024 * 1024;
const READ_BYTES = 256 * MiB;
const COPY_BYTES = 128 * MiB;

const read: BenchCase = {
  name: 'read: sumF64 over 256 MiB',
  variant: 'limit',
  dtype: 'f64',
  size: READ_BYTES,
  work: READ_BYTES,
  unit: 'GB/s',
  provides: 'read',
  prepare() {
    const k = rawKernels();
    const ptr = k.alloc(READ_BYTES);
    new Float64Array(k.memory.buffer, ptr, READ_BYTES / 8).fill(1); // touches every page
    return { run: () => k.sumF64(ptr, READ_BYTES / 8), dispose: () => k.free(ptr) };
  },
};

const copy: BenchCase = {
  name: 'copy: memory.copy 128 MiB (read+write)',
  variant: 'limit',
  dtype: null,
  size: COPY_BYTES,
  work: 2 * COPY_BYTES,
  unit: 'GB/s',
  provides: 'copy',
  prepare() {
    const k = rawKernels();
    const src = k.alloc(COPY_BYTES);
    const dst = k.alloc(COPY_BYTES);
    new Uint8Array(k.memory.buffer, src, COPY_BYTES).fill(1);
    new Uint8Array(k.memory.buffer, dst, COPY_BYTES).fill(2);
    return {
      run: () => k.copyBytes(dst, src, COPY_BYTES),
      dispose: () => {
        k.free(dst);
        k.free(src);
      },
    };
  },
};

export const limitsSuite: Suite = {
  name: 'limits',
  title: 'Hardware limits (one core, DRAM)',
  notes: [
    'read = bytes summed / time (WASM v128 loads, 4 accumulators); copy = (bytes read + bytes written) / time.',
    'Every other suite’s “× limit” column divides by these medians.',
  ],
  cases: () => [read, copy],
  // The ratios of every other suite divide by these: give them more samples than an ordinary case.
  measure: { full: { timeMs: 1500, minIterations: 40 }, quick: { timeMs: 500, minIterations: 20 } },
};
