// Where a model's buffers live and who runs its heavy kernels: this realm's one-thread kernels (the default), or the
// two-thread kernels on a shared memory (kernel-threads.ts). Both give the same bits; a model is written once
// against this interface and never sees which one it has.
import type { KernelExports } from '@hw3/kernels';
import { InvalidArgumentError } from './errors.js';
import { gemmF32Batch } from './gemm-batch.js';
import { fillNormal } from './random-fills.js';
import type { Rng } from './rng.js';
import { allocate, getKernels, release } from './runtime.js';
import { kernelThreads, kernelThreadsAvailable, type KernelThreads } from './kernel-threads.js';
import { pointerOf, WasmArray } from './wasm-array.js';

/** An f32 vector in the backend's memory. */
export interface F32Buffer {
  readonly length: number;
  /** Byte offset in the backend's memory (for kernel calls). */
  pointer(): number;
  /** A view on the memory; re-create it after any allocation. */
  view(): Float32Array;
  toArray(): Float32Array;
  copyFrom(values: ArrayLike<number>): void;
  /** Fills with N(0, std²) samples from `rng`: the same draws as `fillNormal` on a WasmArray. */
  fillNormal(rng: Rng, std: number): void;
  free(): void;
}

/** The kernels a model calls, the buffers it allocates, and the calls that may be split between threads. */
export interface KernelBackend {
  /** Threads that run each split call (1 or 2). */
  readonly threads: number;
  /** The kernels instance on the backend's memory, for calls that are not split. */
  readonly kernels: KernelExports;
  f32(param: string, length: number): F32Buffer;
  allocBytes(param: string, bytes: number): number;
  freeBytes(ptr: number, bytes: number): void;
  gemmF32: KernelExports['gemmF32'];
  /** `count` gemmF32 products at byte strides (see gemm-batch.ts); two threads split them by products. */
  gemmF32Batch: (a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, alpha: number, accumulate: number, pack: number, count: number, strideA: number, strideB: number, strideC: number) => void;
  adamF32: KernelExports['adamF32'];
  sgdF32: KernelExports['sgdF32'];
  signgdF32: KernelExports['signgdF32'];
}

class WasmF32 implements F32Buffer {
  readonly #array: WasmArray<'f32'>;
  constructor(length: number) {
    this.#array = new WasmArray('f32', length);
  }
  get length(): number {
    return this.#array.length;
  }
  pointer(): number {
    return pointerOf(this.#array, 'buffer');
  }
  view(): Float32Array {
    return this.#array.view();
  }
  toArray(): Float32Array {
    return this.#array.toArray();
  }
  copyFrom(values: ArrayLike<number>): void {
    this.#array.copyFrom(values);
  }
  fillNormal(rng: Rng, std: number): void {
    fillNormal(this.#array, { rng, std });
  }
  free(): void {
    this.#array.free();
  }
}

/** This realm's one-thread kernels and its WasmArrays. */
export function oneThreadBackend(): KernelBackend {
  const k = getKernels();
  return {
    threads: 1,
    kernels: k,
    f32: (_param, length) => new WasmF32(length),
    allocBytes: allocate,
    freeBytes: release,
    gemmF32: k.gemmF32,
    gemmF32Batch: (...args) => gemmF32Batch(k, ...args),
    adamF32: k.adamF32,
    sgdF32: k.sgdF32,
    signgdF32: k.signgdF32,
  };
}

class SharedF32 implements F32Buffer {
  readonly length: number;
  readonly #team: KernelThreads;
  #ptr: number;
  constructor(team: KernelThreads, param: string, length: number) {
    this.#team = team;
    this.length = length;
    this.#ptr = team.alloc(param, length * 4);
    this.view().fill(0);
  }
  pointer(): number {
    return this.#ptr;
  }
  view(): Float32Array {
    return new Float32Array(this.#team.kernels.memory.buffer, this.#ptr, this.length);
  }
  toArray(): Float32Array {
    return this.view().slice();
  }
  copyFrom(values: ArrayLike<number>): void {
    this.view().set(values);
  }
  fillNormal(rng: Rng, std: number): void {
    // Drawn by the one-thread kernels into a plain array (the same kernel and generator, so the same bits), then copied.
    this.view().set(fillNormal(new Float32Array(this.length), { rng, std }));
  }
  free(): void {
    if (this.#ptr) this.#team.free(this.#ptr, this.length * 4);
    this.#ptr = 0;
  }
}

/** This realm's kernel threads (started on first use): buffers in their shared memory, heavy calls split in two. */
export function twoThreadBackend(): KernelBackend {
  const team = kernelThreads();
  return {
    threads: team.threads,
    kernels: team.kernels,
    f32: (param, length) => new SharedF32(team, param, length),
    allocBytes: (param, bytes) => team.alloc(param, bytes),
    freeBytes: (ptr, bytes) => team.free(ptr, bytes),
    gemmF32: team.gemmF32.bind(team),
    gemmF32Batch: team.gemmF32Batch.bind(team),
    adamF32: team.adamF32.bind(team),
    sgdF32: team.sgdF32.bind(team),
    signgdF32: team.signgdF32.bind(team),
  };
}

/**
 * The backend for `threads`: two threads when asked for and a kernel thread can run here, else this realm's one.
 * @throws InvalidArgumentError for threads other than 1 or 2.
 */
export function kernelBackend(threads: 1 | 2 = 1): KernelBackend {
  if (threads !== 1 && threads !== 2) throw new InvalidArgumentError('threads', threads, '1 or 2');
  return threads === 2 && kernelThreadsAvailable() ? twoThreadBackend() : oneThreadBackend();
}
