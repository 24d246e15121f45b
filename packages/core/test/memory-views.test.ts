// Typed arrays that view WebAssembly memory (a WasmArray's view() or a subarray of it) passed where plain arrays go.
import { describe, expect, it } from 'vitest';
import { createRng, fillNormal, InvalidArgumentError, matvec, memoryUsage, signgdUpdate, WasmArray } from '@hw3/core';
import { gaussian } from '@hw3/kernels/reference';
import { expectSameBits } from './spine-helpers.js';

describe('views of WebAssembly memory passed as plain arrays', () => {
  // A WasmArray's view() (or a subarray of it) already lives in WebAssembly memory: it is used in place, so a staging
  // allocation that grows the memory (and detaches the view) during the call cannot break it.
  // This file has its own module instance (small memory). Each test uses arrays larger than any block freed before
  // it (8, 32, 64 MiB), so its allocations must grow the memory; each test checks that they did.

  it('as an input while another argument\'s staging grows the memory', () => {
    const n = 2 ** 20;
    const W = new WasmArray('f64', n);
    W.view().fill(2);
    const before = memoryUsage();
    const x = new Float64Array(n).fill(1);
    const y = matvec(W.view(), x, { rows: 1, cols: n }); // stages 32 MiB for x
    expect(memoryUsage().committedBytes).toBeGreaterThan(before.committedBytes); // it did grow
    expect(Array.from(y)).toEqual([2 * n]);
    W.free();
  });

  it('as an in-place output while the memory grows (signgdUpdate, fillNormal)', () => {
    const n = 2 ** 22;
    const W = new WasmArray('f64', n);
    const view = W.view();
    const committed = memoryUsage().committedBytes;
    signgdUpdate(view, new Float64Array(n).fill(1), { lr: 0.25 }); // stages 32 MiB for G
    expect(memoryUsage().committedBytes).toBeGreaterThan(committed);
    expect(view.length).toBe(0); // detached by the growth, as documented…
    const fresh = W.view(); // …and a fresh view shows the in-place update
    expect(fresh[0]).toBe(-0.25);
    expect(fresh[n - 1]).toBe(-0.25);
    const rng = createRng(6);
    const state = Uint32Array.from(rng.getState());
    fillNormal(W.view().subarray(3, 1003), { rng });
    expect(W.view()[2]).toBe(-0.25);
    expectSameBits(W.view().subarray(3, 1003), gaussian.normalF64(state, new Float64Array(1000), 0, 1), 'fill into a subarray view');
    expect(W.view()[1003]).toBe(-0.25);
    W.free();
  });

  it('overlapping views are rejected when one is written; disjoint ones are fine', () => {
    const a = WasmArray.from('f32', [1, 2, 3, 4, 5, 6, 7, 8]);
    const v = a.view();
    let error: unknown;
    try {
      signgdUpdate(v.subarray(0, 4), v.subarray(2, 6), { lr: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).param).toBe('W');
    expect((error as Error).message).toContain('memory overlapping G');
    signgdUpdate(a.view().subarray(0, 4), a.view().subarray(4, 8), { lr: 1 });
    expect(Array.from(a.view())).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    a.free();
  });

  it('WasmArray.from(another array\'s view) copies correctly even when it grows the memory', () => {
    const n = 2 ** 23;
    const src = new WasmArray('f64', n);
    src.view()[n - 1] = 42;
    const committed = memoryUsage().committedBytes;
    const copy = WasmArray.from('f64', src.view());
    expect(memoryUsage().committedBytes).toBeGreaterThan(committed);
    expect(copy.length).toBe(n);
    expect(copy.view()[n - 1]).toBe(42);
    src.free();
    copy.free();
  });
});
