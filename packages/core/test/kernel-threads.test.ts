// The two-thread path gives the one-thread path's bits: GEMM split by columns (shapes off the 4 × 8 blocks, the 64-row
// chunks and the 256-deep k blocks), matvec split by rows, optimizer steps split by elements, and whole training runs.
// Needs the built worker script (dist/base/kernel-thread.js): `npm run build` first, as for the training pool's tests.
import { afterAll, describe, expect, it } from 'vitest';
import { closeKernelThreads, kernelThreads } from '../src/base/kernel-threads.js';
import { getKernels } from '../src/base/runtime.js';
import { Rng } from '../src/base/rng.js';
import { fillNormal } from '../src/base/random-fills.js';
import { DTypeError, InvalidArgumentError, ShapeError } from '../src/base/errors.js';
import { matvec } from '../src/base/matvec.js';
import { StoredMatrix } from '../src/base/stored-matrix.js';
import { syntheticDataset } from '../src/mup/data.js';
import { MlpModel } from '../src/mup/model.js';
import { trainRun, type TrainConfig } from '../src/mup/train.js';
import type { TensorName } from '../src/mup/tensor-plan.js';

afterAll(async () => {
  await closeKernelThreads();
});

/** The first index where a and b differ in bits (NaN payloads and signed zeros included), or -1. A loop, not toEqual:
 * vitest's deep equality takes seconds on arrays of this size. */
function firstDifference(a: Float32Array | Float64Array, b: Float32Array | Float64Array): number {
  if (a.length !== b.length || a.constructor !== b.constructor) return 0;
  const [x, y] = [a, b].map((v) => (v instanceof Float32Array ? new Uint32Array(v.buffer, v.byteOffset, v.length) : new BigUint64Array(v.buffer, v.byteOffset, v.length)));
  for (let i = 0; i < x!.length; i++) if (x![i] !== y![i]) return i;
  return -1;
}

function randomF32(n: number, seed: number): Float32Array {
  return fillNormal(new Float32Array(n), { rng: Rng.fromSeed(seed) });
}

/**
 * Runs `one` on copies of `inputs` and of `out` in the one-thread memory, and `two` on copies in the shared memory
 * (pointers in that order, out last); returns both final outs.
 */
function both<T extends Float32Array | Float64Array>(
  inputs: T[],
  out: T,
  one: (pointers: number[]) => void,
  two: (pointers: number[]) => void,
): [T, T] {
  const make = (alloc: (bytes: number) => number, buffer: () => ArrayBufferLike) => {
    const all = [...inputs, out];
    const pointers = all.map((a) => alloc(Math.max(16, a.byteLength)));
    all.forEach((a, i) => new (a.constructor as new (b: ArrayBufferLike, o: number, n: number) => T)(buffer(), pointers[i]!, a.length).set(a));
    return { pointers, bytes: all.map((a) => Math.max(16, a.byteLength)), read: () => new (all.at(-1)!.constructor as new (b: ArrayBufferLike, o: number, n: number) => T)(buffer(), pointers.at(-1)!, out.length).slice() as T };
  };
  const k = getKernels();
  const team = kernelThreads();
  const a = make((b) => k.alloc(b), () => k.memory.buffer);
  one(a.pointers);
  const b = make((bytes) => team.alloc('test', bytes), () => team.kernels.memory.buffer);
  two(b.pointers);
  const result: [T, T] = [a.read(), b.read()];
  for (const p of a.pointers) k.free(p);
  b.pointers.forEach((p, i) => team.free(p, b.bytes[i]!));
  return result;
}

describe('two kernel threads give the one-thread bits', () => {
  const shapes: [number, number, number, number, number][] = [
    // m, n, k, transA, transB: the MLP's three products, at sizes off every block boundary.
    [67, 301, 300, 0, 1],
    [64, 1000, 784, 0, 1],
    [64, 777, 513, 0, 0],
    [301, 785, 64, 1, 0],
    [130, 45, 1030, 1, 1],
  ];
  for (const [m, n, k, transA, transB] of shapes) {
    it(`gemm ${m}×${n}×${k} transA=${transA} transB=${transB}, accumulate and alpha`, () => {
      const a = randomF32(m * k, m);
      const b = randomF32(k * n, n);
      const c = randomF32(m * n, k);
      for (const accumulate of [0, 1]) {
        const kernels = getKernels();
        const team = kernelThreads();
        const [one, two] = both(
          [a, b],
          c,
          ([pa, pb, pc]) => {
            const pack = kernels.alloc(kernels.gemmScratchBytes(k));
            kernels.gemmF32(pa!, pb!, pc!, m, n, k, transA, transB, 0.37, accumulate, pack);
            kernels.free(pack);
          },
          ([pa, pb, pc]) => {
            const packBytes = team.kernels.gemmScratchBytes(k);
            const pack = team.alloc('pack', packBytes);
            team.gemmF32(pa!, pb!, pc!, m, n, k, transA, transB, 0.37, accumulate, pack);
            team.free(pack, packBytes);
          },
        );
        expect(firstDifference(two, one)).toBe(-1);
      }
    });
  }

  it('a batch of 7 strided products (split 3 | 4 by products, and a batch of 1) equals gemmF32 on each', () => {
    const [m, n, k, count] = [40, 36, 70, 7];
    const a = randomF32(count * m * k, 1);
    const b = randomF32(count * k * n, 2);
    const c = randomF32(count * m * n, 3);
    for (const batch of [count, 1]) {
      const kernels = getKernels();
      const team = kernelThreads();
      const [one, two] = both(
        [a, b],
        c,
        ([pa, pb, pc]) => {
          const pack = kernels.alloc(kernels.gemmScratchBytes(k));
          for (let i = 0; i < batch; i++) kernels.gemmF32(pa! + 4 * i * m * k, pb! + 4 * i * k * n, pc! + 4 * i * m * n, m, n, k, 0, 1, 0.37, 1, pack);
          kernels.free(pack);
        },
        ([pa, pb, pc]) => {
          const packBytes = team.kernels.gemmScratchBytes(k);
          const pack = team.alloc('pack', packBytes);
          team.gemmF32Batch(pa!, pb!, pc!, m, n, k, 0, 1, 0.37, 1, pack, batch, 4 * m * k, 4 * k * n, 4 * m * n);
          team.free(pack, packBytes);
        },
      );
      expect(firstDifference(two, one)).toBe(-1);
    }
  });

  it('gemmF32Columns on any column range equals gemmF32 on those columns', () => {
    const [m, n, k] = [37, 53, 270];
    const a = randomF32(m * k, 1);
    const b = randomF32(n * k, 2);
    const kernels = getKernels();
    const [whole, pieces] = both(
      [a, b],
      new Float32Array(m * n),
      ([pa, pb, pc]) => {
        const pack = kernels.alloc(kernels.gemmScratchBytes(k));
        kernels.gemmF32(pa!, pb!, pc!, m, n, k, 0, 1, 1, 0, pack);
        kernels.free(pack);
      },
      ([pa, pb, pc]) => {
        const team = kernelThreads();
        const packBytes = team.kernels.gemmScratchBytes(k);
        const pack = team.alloc('pack', packBytes);
        for (const [j0, j1] of [[0, 13], [13, 16], [16, 41], [41, 53]] as const) team.kernels.gemmF32Columns(pa!, pb!, pc!, m, n, k, 0, 1, 1, 0, pack, j0, j1);
        team.free(pack, packBytes);
      },
    );
    expect(firstDifference(pieces, whole)).toBe(-1);
  });

  for (const dtype of ['f32', 'f64'] as const) {
    it(`matvec ${dtype} 1003 × 517 (rows off the 8-row block)`, () => {
      const [rows, cols] = [1003, 517];
      const make = (n: number, seed: number) => (dtype === 'f32' ? randomF32(n, seed) : Float64Array.from(randomF32(n, seed), (v) => v / 3));
      const kernels = getKernels();
      const [one, two] = both(
        [make(rows * cols, 3), make(cols, 4)],
        make(rows, 5),
        ([w, x, y]) => (dtype === 'f32' ? kernels.matvecF32 : kernels.matvecF64)(w!, x!, y!, rows, cols),
        ([w, x, y]) => kernelThreads().matvec(dtype, w!, x!, y!, rows, cols),
      );
      expect(firstDifference(two, one)).toBe(-1);
    });
  }

  it('Adam, SGD with momentum and SignGD steps over 262 147 elements (past the split threshold, not a multiple of 8)', () => {
    const n = 2 ** 18 + 3;
    const kernels = getKernels();
    const team = kernelThreads();
    const inputs = [randomF32(n, 5), randomF32(n, 6), randomF32(n, 7).map(Math.abs)];
    for (const op of ['adam', 'sgd', 'signgd'] as const) {
      // W (updated in place) is the output.
      const [one, two] = both(
        [inputs[1]!, inputs[2]!.map((v) => v / 10), inputs[2]!],
        inputs[0]!,
        ([g, m, v, w]) => {
          if (op === 'adam') kernels.adamF32(w!, g!, m!, v!, n, 1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001);
          else if (op === 'sgd') kernels.sgdF32(w!, g!, m!, n, 0.05, 0.9);
          else kernels.signgdF32(w!, g!, n, 0.01);
        },
        ([g, m, v, w]) => {
          if (op === 'adam') team.adamF32(w!, g!, m!, v!, n, 1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001);
          else if (op === 'sgd') team.sgdF32(w!, g!, m!, n, 0.05, 0.9);
          else team.signgdF32(w!, g!, n, 0.01);
        },
      );
      expect(firstDifference(two, one), op).toBe(-1);
    }
  });
});

describe('StoredMatrix', () => {
  for (const dtype of ['f32', 'f64'] as const) {
    it(`${dtype}: multiply with 1 and 2 threads = matvec, bit for bit (rows 1001, cols 700)`, () => {
      const [rows, cols] = [1001, 700];
      const W32 = randomF32(rows * cols, 8);
      const W = dtype === 'f32' ? W32 : Float64Array.from(W32);
      const xs = [randomF32(cols, 9), randomF32(cols, 10)].map((x) => (dtype === 'f32' ? x : Float64Array.from(x)));
      const stored = [new StoredMatrix(W, { rows, cols }), new StoredMatrix(W, { rows, cols, threads: 2 })];
      try {
        expect(stored.map((s) => s.threads)).toEqual([1, 2]);
        for (const x of xs) {
          const expected = matvec(W, x, { rows, cols });
          for (const s of stored) expect(firstDifference(s.multiply(x), expected)).toBe(-1);
        }
      } finally {
        for (const s of stored) s.free();
      }
    });
  }

  it('bad arguments are typed errors naming the parameter', () => {
    const W = new Float32Array(12);
    expect(() => new StoredMatrix(W, { rows: 3, cols: 4, threads: 4 as 2 })).toThrow(/threads must be 1 or 2, got 4/);
    expect(() => new StoredMatrix(W, { rows: 3, cols: 5 })).toThrow(ShapeError);
    expect(() => new StoredMatrix(new Int32Array(12) as unknown as Float32Array, { rows: 3, cols: 4 })).toThrow(DTypeError);
    const A = new StoredMatrix(W, { rows: 3, cols: 4, threads: 2 });
    expect(() => A.multiply(new Float32Array(3))).toThrow(ShapeError);
    expect(() => A.multiply(new Float64Array(4))).toThrow(DTypeError);
    A.free();
    expect(() => A.multiply(new Float32Array(4))).toThrow(/freed|after/i);
  });
});

describe('training with threads: 2', () => {
  const data = syntheticDataset({ inputDim: 300, trainRows: 256, testRows: 64 });
  const NAMES: TensorName[] = ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'];

  it('an MLP (width 520: W2 past the Adam split threshold; 5 steps of 64 rows) ends with the same weights, bit for bit', () => {
    const models = ([1, 2] as const).map(
      (threads) => new MlpModel({ inputDim: 300, width: 520, classes: 10 }, { parameterization: 'mup', baseWidth: 64 }, { kind: 'adam', lr: 1e-3 }, 64, threads),
    );
    try {
      expect(models.map((m) => m.threads)).toEqual([1, 2]);
      for (const model of models) {
        model.initialize(Rng.fromSeed(11));
        for (let s = 0; s < 5; s++) {
          model.setBatch(data.train.x.subarray(s * 64 * 300), data.train.y.subarray(s * 64), 64);
          model.trainStep();
        }
      }
      for (const name of NAMES) expect(firstDifference(models[1]!.read(name), models[0]!.read(name)), name).toBe(-1);
    } finally {
      for (const m of models) m.free();
    }
  });

  it('trainRun gives the same result with threads 1 and 2 (losses, curve, accuracy)', () => {
    const config: TrainConfig = { dataset: 'synthetic', width: 160, parameterization: 'sp', baseWidth: 160, optimizer: 'sgd', lr: 0.05, momentum: 0.9, steps: 6, batchSize: 64, seed: 3 };
    const strip = ({ elapsedMs: _e, config: _c, ...rest }: ReturnType<typeof trainRun>) => rest;
    const one = trainRun(config, data);
    const two = trainRun({ ...config, threads: 2 }, data);
    expect(strip(two)).toEqual(strip(one));
    expect(one.trainLoss).not.toBeNull();
  });

  it('threads other than 1 or 2 is an InvalidArgumentError naming threads', () => {
    const config = { dataset: 'synthetic', width: 16, parameterization: 'sp', baseWidth: 16, optimizer: 'sgd', lr: 0.1, steps: 1, batchSize: 4, seed: 1, threads: 3 } as unknown as TrainConfig;
    expect(() => trainRun(config, data)).toThrow(InvalidArgumentError);
    expect(() => trainRun(config, data)).toThrow(/threads must be 1 or 2, got 3/);
  });

  it('closing the kernel threads terminates the worker; the next use starts a new one', async () => {
    const team = kernelThreads();
    await closeKernelThreads();
    expect(team.closed).toBe(true);
    expect(() => team.alloc('x', 16)).toThrow(/closed/);
    expect(kernelThreads()).not.toBe(team);
  });
});
