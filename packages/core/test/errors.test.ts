// Bad input: every rejected call throws a typed error (class, code, param) whose message names the parameter and the
// value, leaks nothing (memoryUsage().liveBytes unchanged), corrupts nothing (a sentinel WasmArray keeps its bits),
// and leaves the module working (the next valid calls give the reference's results).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRng,
  DTypeError,
  fillNormal,
  fillUniform,
  Hw3Error,
  InvalidArgumentError,
  matvec,
  matvecTransposed,
  MemoryLimitError,
  memoryUsage,
  Rng,
  ShapeError,
  signgdOuterUpdate,
  signgdUpdate,
  simulateRemat,
  UseAfterFreeError,
  WasmArray,
} from '@hw3/core';
import { gaussian, matvec as refMatvec } from '@hw3/kernels/reference';
import { expectSameBits } from './spine-helpers.js';

type ErrorClass = new (...args: never[]) => Hw3Error;
const CODES = new Map<ErrorClass, string>([
  [InvalidArgumentError, 'INVALID_ARGUMENT'],
  [ShapeError, 'SHAPE_MISMATCH'],
  [DTypeError, 'DTYPE_MISMATCH'],
  [MemoryLimitError, 'MEMORY_LIMIT'],
  [UseAfterFreeError, 'USE_AFTER_FREE'],
]);

let sentinel: WasmArray<'f64'>;
const sentinelData = Float64Array.from({ length: 257 }, (_, i) => Math.sin(i) * 1e3);

beforeAll(() => {
  sentinel = WasmArray.from('f64', sentinelData);
  canary(); // warm up: lazily allocated internals (the Rng state slot) exist before any baseline is taken
});
afterAll(() => sentinel.free());

/** Valid calls after an error: results equal the reference and the sentinel is untouched. */
function canary(): void {
  const W = Float32Array.from({ length: 15 }, (_, i) => i - 7);
  const x = Float32Array.of(1, -2, 3, 0.5, 4);
  expectSameBits(matvec(W, x, { rows: 3, cols: 5 }), refMatvec.matvec(W, x, new Float32Array(3), 3, 5), 'canary matvec');
  const rng = createRng(8);
  const state = Uint32Array.from(rng.getState());
  expectSameBits(fillNormal(new Float64Array(33), { rng }), gaussian.normalF64(state, new Float64Array(33), 0, 1), 'canary fillNormal');
  expect(simulateRemat({ layers: 10, every: 5 }).fwd).toBe(20);
  expectSameBits(sentinel.view(), sentinelData, 'sentinel WasmArray');
}

/**
 * Runs `call`, which must throw `cls` with `param`, and a message containing the parameter and `shown` (how the value
 * is rendered); then checks no leak and a working module.
 */
function expectRejected(call: () => unknown, cls: ErrorClass, param: string, shown: string): void {
  const before = memoryUsage().liveBytes;
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error, 'should throw').toBeInstanceOf(cls);
  expect(error).toBeInstanceOf(Hw3Error);
  const err = error as Hw3Error;
  expect(err.code).toBe(CODES.get(cls));
  expect(err.name).toBe(cls.name);
  expect(err.param).toBe(param);
  expect(err.message).toContain(param);
  expect(err.message).toContain(shown);
  expect(memoryUsage().liveBytes, 'no leak from the failed call').toBe(before);
  canary();
}

const f32 = (n: number) => new Float32Array(n).fill(1);
const f64 = (n: number) => new Float64Array(n).fill(1);

describe('dimensions', () => {
  const bad: [unknown, string][] = [
    [0, 'got 0'],
    [-1, 'got -1'],
    [1.5, 'got 1.5'],
    [NaN, 'got NaN'],
    [Infinity, 'got Infinity'],
    ['3', 'got "3"'],
    [undefined, 'got undefined'],
  ];
  it.each(bad)('rows = %s', (rows, shown) => {
    expectRejected(() => matvec(f64(6), f64(3), { rows: rows as number, cols: 3 }), InvalidArgumentError, 'rows', shown);
    expectRejected(() => matvecTransposed(f64(6), f64(2), { rows: rows as number, cols: 3 }), InvalidArgumentError, 'rows', shown);
    expectRejected(() => signgdOuterUpdate(f64(6), f64(2), f64(3), { rows: rows as number, cols: 3, lr: 0.1 }), InvalidArgumentError, 'rows', shown);
  });
  it.each(bad)('cols = %s', (cols, shown) => {
    expectRejected(() => matvec(f32(6), f32(3), { rows: 2, cols: cols as number }), InvalidArgumentError, 'cols', shown);
    expectRejected(() => matvecTransposed(f32(6), f32(2), { rows: 2, cols: cols as number }), InvalidArgumentError, 'cols', shown);
    expectRejected(() => signgdOuterUpdate(f32(6), f32(2), f32(3), { rows: 2, cols: cols as number, lr: 0.1 }), InvalidArgumentError, 'cols', shown);
  });
  it.each([[0, 'got 0'], [-0.5, 'got -0.5'], [NaN, 'got NaN'], [Infinity, 'got Infinity'], [undefined, 'got undefined']] as [number, string][])(
    'lr = %s',
    (lr, shown) => {
      expectRejected(() => signgdOuterUpdate(f64(6), f64(2), f64(3), { rows: 2, cols: 3, lr }), InvalidArgumentError, 'lr', shown);
      expectRejected(() => signgdUpdate(f64(6), f64(6), { lr }), InvalidArgumentError, 'lr', shown);
    },
  );
});

describe('length mismatches', () => {
  it('matvec: W, x, out', () => {
    expectRejected(() => matvec(f64(5), f64(3), { rows: 2, cols: 3 }), ShapeError, 'W', 'length 5, expected 6');
    expectRejected(() => matvec(f64(6), f64(2), { rows: 2, cols: 3 }), ShapeError, 'x', 'length 2, expected 3');
    expectRejected(() => matvec(f64(6), f64(3), { rows: 2, cols: 3, out: f64(3) }), ShapeError, 'out', 'length 3, expected 2');
  });
  it('matvecTransposed: g, out', () => {
    expectRejected(() => matvecTransposed(f32(6), f32(3), { rows: 2, cols: 3 }), ShapeError, 'g', 'length 3, expected 2');
    expectRejected(() => matvecTransposed(f32(6), f32(2), { rows: 2, cols: 3, out: f32(2) }), ShapeError, 'out', 'length 2, expected 3');
  });
  it('signgd: W, g, x, G', () => {
    expectRejected(() => signgdOuterUpdate(f64(7), f64(2), f64(3), { rows: 2, cols: 3, lr: 1 }), ShapeError, 'W', 'length 7, expected 6');
    expectRejected(() => signgdOuterUpdate(f64(6), f64(3), f64(3), { rows: 2, cols: 3, lr: 1 }), ShapeError, 'g', 'length 3, expected 2');
    expectRejected(() => signgdOuterUpdate(f64(6), f64(2), f64(4), { rows: 2, cols: 3, lr: 1 }), ShapeError, 'x', 'length 4, expected 3');
    expectRejected(() => signgdUpdate(f32(6), f32(5), { lr: 1 }), ShapeError, 'G', 'length 5, expected 6');
  });
  it('WasmArray: copyFrom / from with the wrong length, WasmArray arguments of the wrong length', () => {
    const a = new WasmArray('f64', 3);
    const w = new WasmArray('f64', 5);
    try {
      expectRejected(() => a.copyFrom([1, 2]), InvalidArgumentError, 'values', 'got array(2)');
      expectRejected(() => matvec(w, f64(3), { rows: 2, cols: 3 }), ShapeError, 'W', 'length 5, expected 6');
    } finally {
      a.free();
      w.free();
    }
  });
});

describe('sizes beyond WebAssembly memory (2 GiB maximum) or i32 indexing', () => {
  it('WasmArray of 4 GiB and of exactly 2 GiB: MemoryLimitError, nothing allocated', () => {
    const committed = memoryUsage().committedBytes;
    expectRejected(() => new WasmArray('f64', 2 ** 29), MemoryLimitError, 'length', '4.00 GiB');
    expectRejected(() => new WasmArray('f32', 2 ** 29), MemoryLimitError, 'length', '2.00 GiB');
    expectRejected(() => new WasmArray('f64', 2 ** 28), MemoryLimitError, 'length', '2.00 GiB');
    expect(memoryUsage().committedBytes).toBe(committed); // the module did not grow
  });
  it('more than 2^31 − 1 elements: InvalidArgumentError before any allocation', () => {
    expectRejected(() => new WasmArray('f32', 2 ** 31), InvalidArgumentError, 'length', 'got 2147483648');
    expectRejected(() => matvec(f32(1), f32(1), { rows: 2 ** 16, cols: 2 ** 16 }), InvalidArgumentError, 'rows × cols', 'got 4294967296');
    expectRejected(
      () => signgdOuterUpdate(f32(1), f32(1), f32(1), { rows: 2 ** 20, cols: 2 ** 12, lr: 1 }),
      InvalidArgumentError,
      'rows × cols',
      'got 4294967296',
    );
  });
  it('MemoryLimitError reports the limit', () => {
    try {
      new WasmArray('f64', 2 ** 29);
    } catch (e) {
      expect((e as MemoryLimitError).value).toBe(2 ** 32);
      expect((e as Error).message).toContain('maximum 2.00 GiB');
    }
  });
});

describe('dtypes', () => {
  it('non-float typed arrays → DTypeError naming the array type', () => {
    expectRejected(() => matvec(new Int32Array(6) as never, f64(3), { rows: 2, cols: 3 }), DTypeError, 'W', 'Int32Array');
    expectRejected(() => matvecTransposed(f64(6), new Uint8Array(2) as never, { rows: 2, cols: 3 }), DTypeError, 'g', 'Uint8Array');
    expectRejected(() => signgdUpdate(f64(2), new Int16Array(2) as never, { lr: 1 }), DTypeError, 'G', 'Int16Array');
    expectRejected(() => fillNormal(new Int16Array(4) as never, { rng: createRng(1) }), DTypeError, 'out', 'Int16Array');
    expectRejected(() => fillUniform(new BigInt64Array(4) as never, { rng: createRng(1) }), DTypeError, 'out', 'BigInt64Array');
  });
  it('mixed f32 / f64 → DTypeError naming both', () => {
    expectRejected(() => matvec(f32(6), f64(3), { rows: 2, cols: 3 }), DTypeError, 'x', 'x is f64, expected f32 like W');
    expectRejected(() => matvec(f32(6), f32(3), { rows: 2, cols: 3, out: f64(2) }), DTypeError, 'out', 'out is f64');
    expectRejected(() => signgdOuterUpdate(f64(6), f32(2), f64(3), { rows: 2, cols: 3, lr: 1 }), DTypeError, 'g', 'g is f32');
    const w = new WasmArray('f32', 6);
    try {
      expectRejected(() => matvec(w, f64(3), { rows: 2, cols: 3 }), DTypeError, 'x', 'expected f32 like W');
    } finally {
      w.free();
    }
  });
  it('plain JS arrays and other values → InvalidArgumentError', () => {
    expectRejected(() => matvec([1, 2, 3, 4, 5, 6] as never, f64(3), { rows: 2, cols: 3 }), InvalidArgumentError, 'W', 'got array(6)');
    expectRejected(() => signgdUpdate(f64(2), [1, 2] as never, { lr: 1 }), InvalidArgumentError, 'G', 'got array(2)');
    expectRejected(() => fillNormal(null as never, { rng: createRng(1) }), InvalidArgumentError, 'out', 'got null');
    expectRejected(() => new WasmArray('i32' as never, 3), InvalidArgumentError, 'dtype', 'got "i32"');
  });
});

describe('generators', () => {
  it.each([
    [-1, 'got -1'],
    [1.5, 'got 1.5'],
    [NaN, 'got NaN'],
    ['3', 'got "3"'],
    [2 ** 53, 'got 9007199254740992'],
    [Infinity, 'got Infinity'],
    [-1n, 'got -1n'],
    [2n ** 64n, 'got 18446744073709551616n'],
    [undefined, 'got undefined'],
  ])('seed %s', (seed, shown) => {
    expectRejected(() => createRng(seed as number), InvalidArgumentError, 'seed', shown);
    expectRejected(() => Rng.fromSeed(seed as number), InvalidArgumentError, 'seed', shown);
  });
  it.each([
    [[1, 2, 3], 'got array(3)'],
    [[0, 0, 0, 0, 0, 0, 0, 0], 'not all zero'],
    [new Uint32Array(8), 'got Uint32Array(8)'],
    [[1, 2, 3, 4, 5, 6, 7, 8.5], 'got array(8)'],
    [[1, 2, 3, 4, 5, 6, 7, -8], 'got array(8)'],
    [[1, 2, 3, 4, 5, 6, 7, 2 ** 32], 'got array(8)'],
    [[1, 2, 3, 4, 5, 6, 7, '8'], 'got array(8)'],
    ['abc', 'got "abc"'],
    [new Int32Array(8).fill(1), 'got Int32Array(8)'],
  ])('state %j', (state, shown) => {
    expectRejected(() => Rng.fromState(state as never), InvalidArgumentError, 'state', shown);
  });
  it('stream / split / int ranges', () => {
    const rng = createRng(1);
    expectRejected(() => rng.stream(-1), InvalidArgumentError, 'index', 'got -1');
    expectRejected(() => rng.stream(1.5), InvalidArgumentError, 'index', 'got 1.5');
    expectRejected(() => rng.split(0), InvalidArgumentError, 'count', 'got 0');
    expectRejected(() => rng.split(5000), InvalidArgumentError, 'count', 'got 5000');
    expectRejected(() => rng.int(0), InvalidArgumentError, 'n', 'got 0');
  });
  it('std ≤ 0, non-finite mean, high ≤ low', () => {
    const rng = createRng(1);
    const s = rng.getState();
    for (const [std, shown] of [[0, 'got 0'], [-1, 'got -1'], [NaN, 'got NaN'], [Infinity, 'got Infinity']] as const) {
      expectRejected(() => fillNormal(f64(4), { rng, std }), InvalidArgumentError, 'std', shown);
    }
    expectRejected(() => fillNormal(f32(4), { rng, mean: NaN }), InvalidArgumentError, 'mean', 'got NaN');
    expectRejected(() => fillUniform(f64(4), { rng, low: 1, high: 1 }), InvalidArgumentError, 'high', 'greater than low (1), got 1');
    expectRejected(() => fillUniform(f64(4), { rng, low: 2, high: 1 }), InvalidArgumentError, 'high', 'got 1');
    expectRejected(() => fillUniform(f64(4), { rng, low: -Infinity }), InvalidArgumentError, 'low', 'got -Infinity');
    expect(rng.getState()).toEqual(s); // rejected calls draw nothing
  });
  it('options or rng missing', () => {
    expectRejected(() => (fillNormal as (o: unknown) => unknown)(f64(4)), InvalidArgumentError, 'options', 'got undefined');
    expectRejected(() => fillUniform(f64(4), null as never), InvalidArgumentError, 'options', 'got null');
    expectRejected(() => fillNormal(f64(4), {} as never), InvalidArgumentError, 'rng', 'got undefined');
    expectRejected(() => fillNormal(f64(4), { rng: 5 as never }), InvalidArgumentError, 'rng', 'got 5');
    expectRejected(() => (matvec as (a: unknown, b: unknown) => unknown)(f64(6), f64(3)), InvalidArgumentError, 'options', 'got undefined');
    expectRejected(() => (signgdUpdate as (a: unknown, b: unknown) => unknown)(f64(6), f64(6)), InvalidArgumentError, 'options', 'got undefined');
    expectRejected(() => (simulateRemat as () => unknown)(), InvalidArgumentError, 'options', 'got undefined');
    expectRejected(() => matvec(f64(6), f64(3), [2, 3] as never), InvalidArgumentError, 'options', 'got array(2)');
  });
});

describe('WasmArray misuse', () => {
  it('use after free → UseAfterFreeError naming the argument; free is idempotent', () => {
    const W = WasmArray.from('f64', [1, 2, 3, 4, 5, 6]);
    const x = WasmArray.from('f64', [1, 1, 1]);
    x.free();
    x.free();
    expect(x.freed).toBe(true);
    expectRejected(() => matvec(W, x, { rows: 2, cols: 3 }), UseAfterFreeError, 'x', 'x was already freed');
    // A plain W staged before the freed x is found must be released (no leak): checked by expectRejected.
    expectRejected(() => matvec(f64(6), x, { rows: 2, cols: 3 }), UseAfterFreeError, 'x', 'already freed');
    expectRejected(() => fillNormal(x, { rng: createRng(1) }), UseAfterFreeError, 'out', 'out was already freed');
    expectRejected(() => x.view(), UseAfterFreeError, 'this', 'already freed');
    expectRejected(() => x.toArray(), UseAfterFreeError, 'this', 'already freed');
    expect(Array.from(matvec(W, f64(3), { rows: 2, cols: 3 }))).toEqual([6, 15]);
    W.free();
  });
  it('the same WasmArray as an input and the output → InvalidArgumentError', () => {
    const W = WasmArray.from('f32', [1, 2, 3, 4]);
    const v = WasmArray.from('f32', [1, 2]);
    try {
      expectRejected(() => matvec(W, v, { rows: 2, cols: 2, out: v }), InvalidArgumentError, 'out', 'the same WasmArray as x');
      expectRejected(() => matvecTransposed(W, v, { rows: 2, cols: 2, out: v }), InvalidArgumentError, 'out', 'the same WasmArray as g');
      expectRejected(() => signgdUpdate(W, W, { lr: 1 }), InvalidArgumentError, 'W', 'the same WasmArray as G');
      const col = WasmArray.from('f32', [1, -1]);
      try {
        expectRejected(() => signgdOuterUpdate(col, col, f32(1), { rows: 2, cols: 1, lr: 1 }), InvalidArgumentError, 'W', 'the same WasmArray as g');
      } finally {
        col.free();
      }
      expectSameBits(W.view(), Float32Array.of(1, 2, 3, 4), 'W untouched by the rejected calls');
      // Reading one array twice is fine (x as both W and x when rows = 1).
      expect(Array.from(matvec(v, v, { rows: 1, cols: 2 }))).toEqual([5]);
    } finally {
      W.free();
      v.free();
    }
  });
});
