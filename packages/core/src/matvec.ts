import type { ArrayOf, DType, FloatArray, FloatInput, MatrixShape } from './api.js';
import type { WasmArray } from './wasm-array.js';
import { getKernels } from './runtime.js';
import { withStaged } from './staging.js';
import { commonDType, length, options as checkOptions, positiveInt } from './validate.js';

export interface MatvecOptions<O extends FloatInput = FloatInput> extends MatrixShape {
  /** Where to write the result; a new plain typed array when omitted. */
  out?: O;
}

function newOutput(dtype: DType, n: number): ArrayOf<DType> {
  return dtype === 'f32' ? new Float32Array(n) : new Float64Array(n);
}

function checkShape(options: unknown): { rows: number; cols: number; out: FloatInput | undefined } {
  const opts = checkOptions('options', options as MatvecOptions, true)!;
  const rows = positiveInt('rows', opts.rows);
  const cols = positiveInt('cols', opts.cols);
  if (rows * cols > 2 ** 31 - 1) positiveInt('rows × cols', rows * cols);
  return { rows, cols, out: opts.out };
}

/**
 * y = W x for W of shape (rows, cols) = (d₂, d₁), row-major; x has length cols, y length rows. SIMD in WebAssembly.
 * float32 results differ from a naive loop only by summation order (error ≤ cols·2⁻²⁴·Σ|W x| per row).
 * @example matvec(W, x, { rows: 2, cols: 3 }) // W: Float64Array(6), x: Float64Array(3) → Float64Array(2)
 * @throws InvalidArgumentError for bad rows/cols, ShapeError for lengths that disagree, DTypeError for mixed dtypes.
 */
export function matvec<O extends FloatInput>(W: FloatInput, x: FloatInput, options: MatvecOptions<O> & { out: O }): O;
export function matvec(W: Float64Array | WasmArray<'f64'>, x: FloatInput, options: MatrixShape): Float64Array;
export function matvec(W: Float32Array | WasmArray<'f32'>, x: FloatInput, options: MatrixShape): Float32Array;
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
 * @throws InvalidArgumentError, ShapeError, DTypeError as for `matvec`.
 */
export function matvecTransposed<O extends FloatInput>(W: FloatInput, g: FloatInput, options: MatvecOptions<O> & { out: O }): O;
export function matvecTransposed(W: Float64Array | WasmArray<'f64'>, g: FloatInput, options: MatrixShape): Float64Array;
export function matvecTransposed(W: Float32Array | WasmArray<'f32'>, g: FloatInput, options: MatrixShape): Float32Array;
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

