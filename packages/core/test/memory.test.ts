// Loading and memory: lazy init in Node, memory growth with live WasmArrays, views after growth, and no leaks.
import { describe, expect, it } from 'vitest';
import { createRng, fillNormal, init, isReady, matvec, memoryUsage, signgdUpdate, WasmArray } from '@hw3/core';
import { gaussian, matvec as ref } from '@hw3/kernels/reference';
import { expectSameBits } from './spine-helpers.js';

describe('loading', () => {
  it('Node loads the kernels lazily on first use; init() is optional and idempotent', async () => {
    // This file runs in its own module graph, so nothing has touched the kernels yet.
    expect(isReady()).toBe(false);
    const usage = memoryUsage(); // first use: instantiates from the embedded bytes
    expect(isReady()).toBe(true);
    expect(usage.maxBytes).toBe(2 ** 31);
    expect(usage.committedBytes).toBeGreaterThan(0);
    await init();
    await init();
    expect(isReady()).toBe(true);
  });
});

describe('memory growth', () => {
  it('a WasmArray kept across growth keeps its data; views must be re-created; results stay right', () => {
    fillNormal(new Float64Array(1), { rng: createRng(0) }); // allocates the generator's 32-byte state slot once
    const start = memoryUsage();
    const keep = WasmArray.from('f64', Float64Array.from({ length: 1000 }, (_, i) => i * 0.5));
    const oldView = keep.view();
    expect(oldView[10]).toBe(5);

    // Grow by ≥ 16 MiB: far beyond the initial 128 KiB.
    const big = new WasmArray('f32', 4 * 2 ** 20);
    const grown = memoryUsage();
    expect(grown.committedBytes).toBeGreaterThanOrEqual(start.committedBytes + big.byteLength);
    expect(grown.liveBytes).toBe(start.liveBytes + keep.byteLength + big.byteLength);

    // The documented trap: growth detaches old views (length 0). A fresh view sees the same data.
    expect(oldView.length).toBe(0);
    const fresh = keep.view();
    expect(fresh.length).toBe(1000);
    expect(fresh[10]).toBe(5);
    expectSameBits(fresh, Float64Array.from({ length: 1000 }, (_, i) => i * 0.5), 'kept array after growth');

    // The big array is zero-filled and usable by kernels at its far end.
    const bigView = big.view();
    expect(bigView[0]).toBe(0);
    expect(bigView[bigView.length - 1]).toBe(0);
    const rng = createRng(4);
    const state = Uint32Array.from(rng.getState());
    fillNormal(big, { rng, std: 2 });
    expectSameBits(big.view(), gaussian.normalF32(state, new Float32Array(big.length), 0, 2), 'big fill after growth');

    // Kernels keep working on arrays allocated before and after the growth.
    const rows = 10;
    const cols = 100;
    const W = keep.view().slice(0, rows * cols);
    const x = Float64Array.from({ length: cols }, (_, i) => 1 / (i + 1));
    const xw = WasmArray.from('f64', x);
    const y = matvec(keep, xw, { rows, cols });
    const expected = ref.matvec(W, x, new Float64Array(rows), rows, cols);
    for (let r = 0; r < rows; r++) expect(y[r]).toBeCloseTo(expected[r]!, 9);

    // A plain-array call that itself grows memory (staging 2 × 32 MiB) returns correct results.
    const n = 8 * 2 ** 20;
    const Wp = new Float32Array(n).fill(1);
    const G = new Float32Array(n).fill(-1);
    signgdUpdate(Wp, G, { lr: 0.5 });
    expect(Wp[0]).toBe(1.5);
    expect(Wp[n - 1]).toBe(1.5);

    big.free();
    keep.free();
    xw.free();
    expect(memoryUsage().liveBytes).toBe(start.liveBytes);
  });

  it('freed memory is reused: repeated allocate/free cycles do not grow the module', () => {
    const a = new WasmArray('f64', 2 ** 20);
    a.free();
    const committed = memoryUsage().committedBytes;
    for (let i = 0; i < 20; i++) new WasmArray('f64', 2 ** 20).free();
    for (let i = 0; i < 10; i++) fillNormal(new Float64Array(2 ** 20), { rng: createRng(i) });
    expect(memoryUsage().committedBytes).toBe(committed);
  });
});
