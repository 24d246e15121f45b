import type { ArrayOf, DType } from './api.js';
import { allocate, getKernels, release } from './runtime.js';
import { InvalidArgumentError, UseAfterFreeError } from './errors.js';

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

  /** A zero-filled array of `length` elements of `dtype`. */
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

  /** A new WasmArray holding a copy of `values`. */
  static from<D extends DType>(dtype: D, values: ArrayLike<number>): WasmArray<D> {
    return new WasmArray(dtype, values.length).copyFrom(values);
  }

  /** A typed-array view on the memory (no copy). Re-create it after any other call: memory growth detaches it. */
  view(): ArrayOf<D> {
    const { buffer } = getKernels().memory;
    const ptr = pointerOf(this, 'this');
    return (this.dtype === 'f32' ? new Float32Array(buffer, ptr, this.length) : new Float64Array(buffer, ptr, this.length)) as ArrayOf<D>;
  }

  /** Copies `values` (same length) in. */
  copyFrom(values: ArrayLike<number>): this {
    if (values.length !== this.length) {
      throw new InvalidArgumentError('values', values, `of length ${this.length}`);
    }
    this.view().set(values as ArrayLike<number>);
    return this;
  }

  /** A copy in JS memory. */
  toArray(): ArrayOf<D> {
    return this.view().slice() as ArrayOf<D>;
  }

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
