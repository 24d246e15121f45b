// Argument checks used at every entry point (never inside kernels' loops).
import type { DType } from './types.js';
import type { FloatInput } from './wasm-array.js';
import { DTypeError, InvalidArgumentError, ShapeError, UnknownOptionError } from './errors.js';
import { WasmArray } from './wasm-array.js';

/** Largest element count a kernel accepts (sizes are i32 inside the module). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

export function positiveInt(param: string, value: unknown, max = MAX_ELEMENTS): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidArgumentError(param, value, `an integer from 1 to ${max}`);
  }
  return value;
}

export function finite(param: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidArgumentError(param, value, 'a finite number');
  return value;
}

export function nonNegative(param: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(param, value, 'a finite number ≥ 0');
  }
  return value;
}

export function positive(param: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(param, value, 'a finite number > 0');
  }
  return value;
}

/** The dtype of a float vector argument, or a typed error for anything else. */
export function dtypeOf(param: string, value: unknown): DType {
  if (value instanceof WasmArray) return value.dtype;
  if (value instanceof Float32Array) return 'f32';
  if (value instanceof Float64Array) return 'f64';
  if (ArrayBuffer.isView(value)) throw new DTypeError(param, value.constructor.name, 'Float32Array, Float64Array or WasmArray');
  throw new InvalidArgumentError(param, value, 'a Float32Array, Float64Array or WasmArray');
}

/** Checks that every argument is a float vector of one dtype; returns it. */
export function commonDType(args: Record<string, unknown>): DType {
  let first: { param: string; dtype: DType } | undefined;
  for (const [param, value] of Object.entries(args)) {
    const dtype = dtypeOf(param, value);
    if (!first) first = { param, dtype };
    else if (dtype !== first.dtype) throw new DTypeError(param, dtype, `${first.dtype} like ${first.param}`);
  }
  if (!first) throw new Error('commonDType needs at least one argument');
  return first.dtype;
}

export function length(param: string, value: FloatInput, expected: number, because: string): void {
  if (value.length !== expected) throw new ShapeError(param, value.length, expected, because);
}

/**
 * The keys of an options type T, checked by the compiler both ways: every key listed is a key of T, and every key of T
 * is listed (adding a field to T without listing it here is a type error), so `options()` never rejects a real field.
 * @example const KEYS = keysOf<RematOptions>()(['layers', 'every', ...]);
 */
export function keysOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missingKeys: Exclude<keyof T, K[number]> }),
  ): readonly string[] => keys;
}

/**
 * Options must be a plain object (or undefined, where allowed) whose keys are all in `allowed`: a misspelt key
 * (`{ evry: 3 }`) is an UnknownOptionError naming it, the nearest allowed key and all of them, never silently ignored.
 */
export function options<T extends object>(param: string, value: T | undefined, required: boolean, allowed: readonly string[]): T | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(param, value, 'an options object');
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new UnknownOptionError(param, key, allowed);
  }
  return value;
}
