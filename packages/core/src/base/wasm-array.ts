import type { ArrayOf, DType, FloatArray } from './types.js';
import { allocate, getKernels, release } from './runtime.js';
import { InvalidArgumentError, UseAfterFreeError } from './errors.js';

/** A float vector either in JS memory or in WebAssembly memory. */
export type FloatInput = FloatArray | WasmArray;

const BYTES: Record<DType, number> = { f32: 4, f64: 8 };
const pointers = new WeakMap<WasmArray, number>();

/**
 * A float vector that lives in WebAssembly memory, so kernels use it without copying. You own it: call `free()` when done. Never keep the result of `view()` across another call into `@hw3/core`: when the memory
 * grows, old views are detached (length 0) and `view()` must be called again.
 */
export class WasmArray<D extends DType = DType> {
  readonly dtype: D;
  readonly length: number;
  readonly byteLength: number;

  /**
   * A zero-filled array of `length` elements of `dtype`.
   * @throws InvalidArgumentError for a dtype other than 'f32'/'f64' or a length outside 1…2^31 − 1.
   * @throws MemoryLimitError if it cannot fit in the 2 GiB WebAssembly memory (nothing is allocated).
   */
  constructor(dtype: D, length: number) {
    if (dtype !== 'f32' && dtype !== 'f64') throw new InvalidArgumentError('dtype', dtype, '"f32" or "f64"');
    if (!Number.isInteger(length) || length < 1 || length > 2 ** 31 - 1) {
      throw new InvalidArgumentError('length', length, `an integer from 1 to ${2 ** 31 - 1}`);
    }
    this.dtype = dtype;
    this.length = length;
    this.byteLength = length * BYTES[dtype];
    const ptr = allocate('length', this.byteLength);
    pointers.set(this, ptr);
    this.view().fill(0);
  }

  /**
   * A new WasmArray holding a copy of `values` (any array-like of numbers, including another WasmArray's view()).
   * @throws InvalidArgumentError as for the constructor, or naming `values[i]` for an element that is not a number;
   *   MemoryLimitError as for the constructor.
   */
  static from<D extends DType>(dtype: D, values: ArrayLike<number>): WasmArray<D> {
    // A view of WebAssembly memory (another array's view()) would be detached if this allocation grows the memory.
    const source =
      ArrayBuffer.isView(values) && values.buffer === getKernels().memory.buffer ? (values as unknown as Float64Array).slice() : values;
    const array = new WasmArray(dtype, source.length);
    try {
      return array.copyFrom(source);
    } catch (error) {
      array.free();
      throw error;
    }
  }

  /**
   * A typed-array view on the memory (no copy). Re-create it after any other call: memory growth detaches it.
   * @throws UseAfterFreeError after `free()`.
   */
  view(): ArrayOf<D> {
    const { buffer } = getKernels().memory;
    const ptr = pointerOf(this, 'this');
    return (this.dtype === 'f32' ? new Float32Array(buffer, ptr, this.length) : new Float64Array(buffer, ptr, this.length)) as ArrayOf<D>;
  }

  /**
   * Copies `values` (same length) in.
   * @throws InvalidArgumentError if the lengths differ; UseAfterFreeError after `free()`.
   */
  copyFrom(values: ArrayLike<number>): this {
    if (values.length !== this.length) {
      throw new InvalidArgumentError('values', values, `of length ${this.length}`);
    }
    // Typed arrays hold numbers by construction; anything else ('a', null, objects) would be stored as NaN or 0.
    if (!ArrayBuffer.isView(values)) {
      for (let i = 0; i < values.length; i++) {
        if (typeof values[i] !== 'number') throw new InvalidArgumentError(`values[${i}]`, values[i], 'a number');
      }
    }
    this.view().set(values as ArrayLike<number>);
    return this;
  }

  /**
   * A copy in JS memory (stays valid whatever happens to WebAssembly memory).
   * @throws UseAfterFreeError after `free()`.
   */
  toArray(): ArrayOf<D> {
    return this.view().slice() as ArrayOf<D>;
  }

  /** True after `free()`. */
  get freed(): boolean {
    return !pointers.has(this);
  }

  /** Returns the memory to the module. Idempotent. */
  free(): void {
    const ptr = pointers.get(this);
    if (ptr === undefined) return;
    pointers.delete(this);
    release(ptr, this.byteLength);
  }
}

/** The array's byte offset in WebAssembly memory. @internal — apps never see pointers. */
export function pointerOf(array: WasmArray, param: string): number {
  const ptr = pointers.get(array);
  if (ptr === undefined) throw new UseAfterFreeError(param);
  return ptr;
}

export function bytesPerElement(dtype: DType): number {
  return BYTES[dtype];
}
