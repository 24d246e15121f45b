// A matrix copied once into WebAssembly memory and then multiplied by many vectors (power iterations, Lanczos,
// repeated probes): y = W x with one thread, or with two (rows split between this thread and a kernel thread on a
// shared memory; the same bits). Only typed arrays cross the API: x is copied in, y out, W stays.
import type { KernelExports } from '@hw3/kernels';
import type { DType, FloatArray } from './types.js';
import { DTypeError, InvalidArgumentError, UseAfterFreeError } from './errors.js';
import { kernelThreads, kernelThreadsAvailable, type KernelThreads } from './kernel-threads.js';
import { allocate, getKernels, release } from './runtime.js';
import { dtypeOf, keysOf, length, options as checkOptions, positiveInt } from './validate.js';

/** Options of {@link StoredMatrix}: W's shape and the threads each product uses. */
export interface StoredMatrixOptions {
  rows: number;
  cols: number;
  /**
   * 1 (default) or 2: with 2, each product is split by rows between this thread and a kernel thread (where none can
   * run, e.g. in a browser before `startKernelThreads()`, one thread is used and `threads` reads 1).
   */
  threads?: 1 | 2;
}

/** Where the buffers live: this realm's memory, or the kernel threads' shared memory. */
interface Home {
  kernels: KernelExports;
  alloc(bytes: number): number;
  free(ptr: number, bytes: number): void;
  matvec(dtype: DType, w: number, x: number, y: number, rows: number, cols: number): void;
}

const oneThreadHome = (): Home => ({
  kernels: getKernels(),
  alloc: (bytes) => allocate('W', bytes),
  free: release,
  matvec: (dtype, w, x, y, rows, cols) => (dtype === 'f32' ? getKernels().matvecF32 : getKernels().matvecF64)(w, x, y, rows, cols),
});

const twoThreadHome = (team: KernelThreads): Home => ({
  kernels: team.kernels,
  alloc: (bytes) => team.alloc('W', bytes),
  free: (ptr, bytes) => team.free(ptr, bytes),
  matvec: (dtype, w, x, y, rows, cols) => team.matvec(dtype, w, x, y, rows, cols),
});

/**
 * W (rows × cols, row-major) stored once in WebAssembly memory; `multiply(x)` returns y = W x with exactly the bits of
 * `matvec(W, x, { rows, cols })`, whatever `threads` is. Call `free()` when done.
 * @example const A = new StoredMatrix(W, { rows: 4096, cols: 4096, threads: 2 }); const y = A.multiply(x); A.free();
 */
export class StoredMatrix {
  /** W's element type (x and y have the same). */
  readonly dtype: DType;
  /** Rows of W: the length of y. */
  readonly rows: number;
  /** Columns of W: the length of x. */
  readonly cols: number;
  /** Threads each product runs on (1, or 2 when asked for and available). */
  readonly threads: 1 | 2;
  readonly #home: Home;
  #w = 0;
  #x = 0;
  #y = 0;

  /**
   * Copies W in.
   * @throws InvalidArgumentError for missing options, bad rows/cols (or rows × cols > 2^31 − 1), threads other than
   *   1 or 2; ShapeError when W's length is not rows × cols; DTypeError for a W that is not a Float32Array/Float64Array;
   *   MemoryLimitError when W does not fit; KernelThreadError when the kernel thread cannot start.
   */
  constructor(W: FloatArray, options: StoredMatrixOptions) {
    const opts = checkOptions('options', options, true, keysOf<StoredMatrixOptions>()(['rows', 'cols', 'threads']))!;
    this.rows = positiveInt('rows', opts.rows);
    this.cols = positiveInt('cols', opts.cols);
    if (this.rows * this.cols > 2 ** 31 - 1) positiveInt('rows × cols', this.rows * this.cols);
    if (opts.threads !== undefined && opts.threads !== 1 && opts.threads !== 2) throw new InvalidArgumentError('threads', opts.threads, '1 or 2');
    if (!(W instanceof Float32Array || W instanceof Float64Array)) {
      if (ArrayBuffer.isView(W)) throw new DTypeError('W', (W as ArrayBufferView).constructor.name, 'Float32Array or Float64Array');
      throw new InvalidArgumentError('W', W, 'a Float32Array or Float64Array');
    }
    this.dtype = dtypeOf('W', W);
    length('W', W, this.rows * this.cols, `rows × cols = ${this.rows} × ${this.cols}`);
    this.threads = opts.threads === 2 && kernelThreadsAvailable() ? 2 : 1;
    this.#home = this.threads === 2 ? twoThreadHome(kernelThreads()) : oneThreadHome();
    const size = this.#size();
    this.#w = this.#home.alloc(this.rows * this.cols * size);
    try {
      this.#x = this.#home.alloc(this.cols * size);
      this.#y = this.#home.alloc(this.rows * size);
    } catch (error) {
      this.free();
      throw error;
    }
    this.#view(this.#w, this.rows * this.cols).set(W);
  }

  /**
   * y = W x; y is `out` when given (length rows, same dtype), else a new array.
   * @throws ShapeError for x of length ≠ cols or out of length ≠ rows; DTypeError for a dtype other than W's;
   *   UseAfterFreeError after `free()`.
   */
  multiply(x: FloatArray, out?: FloatArray): FloatArray {
    if (!this.#w) throw new UseAfterFreeError('this');
    for (const [param, value] of Object.entries(out === undefined ? { x } : { x, out })) {
      const dtype = dtypeOf(param, value);
      if (dtype !== this.dtype) throw new DTypeError(param, dtype, `${this.dtype} like W`);
    }
    length('x', x, this.cols, `cols = ${this.cols}`);
    const y = out ?? (this.dtype === 'f32' ? new Float32Array(this.rows) : new Float64Array(this.rows));
    length('out', y, this.rows, `rows = ${this.rows}`);
    this.#view(this.#x, this.cols).set(x);
    this.#home.matvec(this.dtype, this.#w, this.#x, this.#y, this.rows, this.cols);
    y.set(this.#view(this.#y, this.rows));
    return y;
  }

  /** Returns the memory (idempotent). */
  free(): void {
    const size = this.#size();
    if (this.#y) this.#home.free(this.#y, this.rows * size);
    if (this.#x) this.#home.free(this.#x, this.cols * size);
    if (this.#w) this.#home.free(this.#w, this.rows * this.cols * size);
    this.#w = this.#x = this.#y = 0;
  }

  #size(): number {
    return this.dtype === 'f32' ? 4 : 8;
  }

  #view(ptr: number, n: number): FloatArray {
    const { buffer } = this.#home.kernels.memory;
    return this.dtype === 'f32' ? new Float32Array(buffer, ptr, n) : new Float64Array(buffer, ptr, n);
  }
}
