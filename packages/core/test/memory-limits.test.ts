// Issue 16 items 2–3: every allocation goes through one path that throws MemoryLimitError (never the allocator's raw
// abort), counts freed space as free, and leaves the heap usable after any refusal — including a refusal partway
// through staging plain arrays. Uses about 2 GiB of WebAssembly memory once (the README's cap).
import { describe, expect, it } from 'vitest';
import { createRng, fillNormal, MemoryLimitError, memoryUsage, signgdUpdate, WasmArray } from '@hw3/core';
import { gaussian } from '@hw3/kernels/reference';
import { expectSameBits } from './spine-helpers.js';

const MiB = 2 ** 20;
const f32Array = (mib: number) => new WasmArray('f32', (mib * MiB) / 4);

function refusal(run: () => unknown): MemoryLimitError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MemoryLimitError);
    return error as MemoryLimitError;
  }
  throw new Error('expected a MemoryLimitError');
}

/** A fill after the refusals has the bits a fresh process computes (the reference implementation). */
function expectHeapUsable(label: string): void {
  const out = new WasmArray('f32', 4096);
  const rng = createRng(11);
  const state = Uint32Array.from(rng.getState());
  fillNormal(out, { rng });
  expectSameBits(out.view(), gaussian.normalF32(state, new Float32Array(4096), 0, 1), label);
  out.free();
}

describe('allocations of 1 GiB or more (formerly a raw "abort: Allocation too large")', () => {
  it.each([
    ['f32', 2 ** 28],
    ['f64', 2 ** 27],
    ['f64', 2 ** 31 - 1],
  ] as const)('new WasmArray(%s, %i) → MemoryLimitError naming length and the single-buffer limit', (dtype, length) => {
    const error = refusal(() => new WasmArray(dtype, length));
    expect(error.param).toBe('length');
    expect(error.code).toBe('MEMORY_LIMIT');
    expect(error.message).toMatch(/largest single buffer/);
    expect(error.message).not.toMatch(/abort|tlsf/);
  });

  it('WasmArray.from of a huge array-like is refused before copying', () => {
    expect(refusal(() => WasmArray.from('f64', { length: 2 ** 27 } as ArrayLike<number>)).param).toBe('length');
    expectHeapUsable('after huge refusals');
  });
});

// Filling ~2 GiB takes seconds, and over a minute on a loaded machine: a generous hang guard, not a speed claim.
describe('freed memory counts as free (formerly refused with "free buffers")', { timeout: 300_000 }, () => {
  it('two 900 MiB arrays allocated and freed; then 400 MiB and 1000 MiB fit', () => {
    const start = memoryUsage().liveBytes;
    const a = f32Array(900);
    const b = f32Array(900);
    a.free();
    b.free();
    const c = f32Array(400);
    expect(c.view()[c.length - 1]).toBe(0);
    c.free();
    f32Array(1000).free();
    expect(memoryUsage().liveBytes).toBe(start);
    expectHeapUsable('after large cycles');
  });

  it('a request that only fails because free space is fragmented is a MemoryLimitError, and the heap stays intact', () => {
    const a = f32Array(900);
    const b = f32Array(900);
    a.free(); // a 900 MiB hole below b; 1000 MiB fits neither the hole nor the memory left above b
    const error = refusal(() => f32Array(1000));
    expect(error.message).toMatch(/no free block is large enough/);
    const c = f32Array(400); // fits in the hole
    c.free();
    b.free();
    expectHeapUsable('after a fragmentation refusal');
  });

  it('a staging failure partway (second argument) releases the first, and the next call succeeds', () => {
    const x = f32Array(900);
    const y = f32Array(900);
    const W = new Float32Array((150 * MiB) / 4).fill(1);
    const G = new Float32Array((150 * MiB) / 4).fill(-1);
    const live = memoryUsage().liveBytes;
    const error = refusal(() => signgdUpdate(W, G, { lr: 0.5 }));
    expect(['W', 'G']).toContain(error.param);
    expect(memoryUsage().liveBytes).toBe(live);
    expect(W[0]).toBe(1); // untouched
    x.free();
    y.free();
    signgdUpdate(W, G, { lr: 0.5 });
    expect(W[0]).toBe(1.5);
    expect(W[W.length - 1]).toBe(1.5);
    expectHeapUsable('after a staging refusal');
  });
});
