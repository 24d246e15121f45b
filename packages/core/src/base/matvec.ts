import type { ArrayOf, DType, FloatArray, MatrixShape } from './types.js';
import type { FloatInput } from './wasm-array.js';
import type { WasmArray } from './wasm-array.js';
import { getKernels } from './runtime.js';
import { withStaged } from './staging.js';
import { commonDType, keysOf, length, options as checkOptions, positiveInt } from './validate.js';

/** Options of `matvec` / `matvecTransposed`: W's shape and an optional output. */
export interface MatvecOptions<O extends FloatInput = FloatInput> extends MatrixShape {
  /** Where to write the result; a new plain typed array when omitted. */
  out?: O;
}

function newOutput(dtype: DType, n: number): ArrayOf<DType> {
  return dtype === 'f32' ? new Float32Array(n) : new Float64Array(n);
}

function checkShape(options: unknown): { rows: number; cols: number; out: FloatInput | undefined } {
  const opts = checkOptions('options', options as MatvecOptions, true, keysOf<MatvecOptions>()(['rows', 'cols', 'out']))!;
  const rows = positiveInt('rows', opts.rows);
  const cols = positiveInt('cols', opts.cols);
  if (rows * cols > 2 ** 31 - 1) positiveInt('rows × cols', rows * cols);
  return { rows, cols, out: opts.out };
}

/**
 * y = W x for W of shape (rows, cols) = (d₂, d₁), row-major; x has length cols, y length rows. SIMD in WebAssembly.
 * Results differ from a naive loop only by summation order: |ŷ − y| ≤ γ_cols·Σ_c|W_rc x_c| per row, γ_n = nu/(1 − nu),
 * u = 2⁻²⁴ (f32) or 2⁻⁵³ (f64). Plain typed arrays are copied in and out; WasmArrays (and their views) are used in place.
 * @example matvec(W, x, { rows: 2, cols: 3 }) // W: Float64Array(6), x: Float64Array(3) → Float64Array(2)
 * @throws InvalidArgumentError for missing options, bad rows/cols (or rows × cols > 2^31 − 1), a non-array argument,
 *   or `out` being the same WasmArray as an input.
 * @throws ShapeError for lengths that disagree with rows/cols; DTypeError for mixed or non-float dtypes.
 * @throws UseAfterFreeError for a freed WasmArray; MemoryLimitError if plain arrays cannot be staged.
 */
export function matvec<O extends FloatInput>(W: FloatInput, x: FloatInput, options: MatvecOptions<O> & { out: O }): O;
export function matvec(W: Float64Array | WasmArray<'f64'>, x: FloatInput, options: MatrixShape): Float64Array;
export function matvec(W: Float32Array | WasmArray<'f32'>, x: FloatInput, options: MatrixShape): Float32Array;
export function matvec(W: FloatInput, x: FloatInput, options: MatrixShape & { out?: undefined }): FloatArray;
export function matvec(W: FloatInput, x: FloatInput, options: MatvecOptions): FloatArray | FloatInput;
export function matvec(W: FloatInput, x: FloatInput, options: MatvecOptions): FloatInput {
  const { rows, cols, out } = checkShape(options);
  const dtype = commonDType(out === undefined ? { W, x } : { W, x, out });
  length('W', W, rows * cols, `rows × cols = ${rows} × ${cols}`);
  length('x', x, cols, `cols = ${cols}`);
  const y = out ?? newOutput(dtype, rows);
  length('out', y, rows, `rows = ${rows}`);
  withStaged(
    [
      { param: 'W', value: W, mode: 'in' },
      { param: 'x', value: x, mode: 'in' },
      { param: 'out', value: y, mode: 'out' },
    ],
    ([w, xp, yp]) => {
      const k = getKernels();
      (dtype === 'f32' ? k.matvecF32 : k.matvecF64)(w!, xp!, yp!, rows, cols);
    },
  );
  return y;
}

/**
 * y = Wᵀ g for W of shape (rows, cols); g has length rows, y length cols (the backward pass of y = W x).
 * Error bound as for `matvec` with n = rows.
 * @example matvecTransposed(W, g, { rows: 2, cols: 3 }) // g: Float64Array(2) → Float64Array(3)
 * @throws InvalidArgumentError, ShapeError, DTypeError, UseAfterFreeError, MemoryLimitError as for `matvec`.
 */
export function matvecTransposed<O extends FloatInput>(W: FloatInput, g: FloatInput, options: MatvecOptions<O> & { out: O }): O;
export function matvecTransposed(W: Float64Array | WasmArray<'f64'>, g: FloatInput, options: MatrixShape): Float64Array;
export function matvecTransposed(W: Float32Array | WasmArray<'f32'>, g: FloatInput, options: MatrixShape): Float32Array;
export function matvecTransposed(W: FloatInput, g: FloatInput, options: MatrixShape & { out?: undefined }): FloatArray;
export function matvecTransposed(W: FloatInput, g: FloatInput, options: MatvecOptions): FloatArray | FloatInput;
export function matvecTransposed(W: FloatInput, g: FloatInput, options: MatvecOptions): FloatInput {
  const { rows, cols, out } = checkShape(options);
  const dtype = commonDType(out === undefined ? { W, g } : { W, g, out });
  length('W', W, rows * cols, `rows × cols = ${rows} × ${cols}`);
  length('g', g, rows, `rows = ${rows}`);
  const y = out ?? newOutput(dtype, cols);
  length('out', y, cols, `cols = ${cols}`);
  withStaged(
    [
      { param: 'W', value: W, mode: 'in' },
      { param: 'g', value: g, mode: 'in' },
      { param: 'out', value: y, mode: 'out' },
    ],
    ([w, gp, yp]) => {
      const k = getKernels();
      (dtype === 'f32' ? k.matvecTransposedF32 : k.matvecTransposedF64)(w!, gp!, yp!, rows, cols);
    },
  );
  return y;
}

