import type { MatrixShape } from './types.js';
import type { FloatInput } from './wasm-array.js';
import { getKernels } from './runtime.js';
import { withStaged } from './staging.js';
import { commonDType, keysOf, length, options as checkOptions, positive, positiveInt } from './validate.js';

/** Options of `signgdOuterUpdate`: W's shape and the learning rate. */
export interface SignGdOuterOptions extends MatrixShape {
  /** Learning rate η > 0. */
  lr: number;
}

/**
 * SignGD step for a linear layer, in place: W ← W − η·sign(g xᵀ), W of shape (rows, cols), g (rows), x (cols).
 * sign(0) = 0, so rows with g_r = 0 and columns with x_c = 0 do not move. Returns W.
 * @example signgdOuterUpdate(W, g, x, { rows: 2, cols: 3, lr: 0.01 })
 * η is rounded to W's precision first; the update is then exact up to the one rounding of each subtraction.
 * @throws InvalidArgumentError for missing options, bad rows/cols, lr not > 0 and finite, a non-array argument, or W
 *   sharing memory with g or x (WasmArrays or their views).
 * @throws ShapeError for lengths that disagree with rows/cols; DTypeError for mixed or non-float dtypes.
 * @throws UseAfterFreeError for a freed WasmArray; MemoryLimitError if plain arrays cannot be staged.
 */
export function signgdOuterUpdate<W extends FloatInput>(W: W, g: FloatInput, x: FloatInput, options: SignGdOuterOptions): W {
  const opts = checkOptions('options', options, true, keysOf<SignGdOuterOptions>()(['rows', 'cols', 'lr']))!;
  const rows = positiveInt('rows', opts.rows);
  const cols = positiveInt('cols', opts.cols);
  if (rows * cols > 2 ** 31 - 1) positiveInt('rows × cols', rows * cols);
  const lr = positive('lr', opts.lr);
  const dtype = commonDType({ W, g, x });
  length('W', W, rows * cols, `rows × cols = ${rows} × ${cols}`);
  length('g', g, rows, `rows = ${rows}`);
  length('x', x, cols, `cols = ${cols}`);
  withStaged(
    [
      { param: 'W', value: W, mode: 'inout' },
      { param: 'g', value: g, mode: 'in' },
      { param: 'x', value: x, mode: 'in' },
    ],
    ([w, gp, xp]) => {
      const k = getKernels();
      (dtype === 'f32' ? k.signgdOuterF32 : k.signgdOuterF64)(w!, gp!, xp!, rows, cols, lr);
    },
  );
  return W;
}

/**
 * SignGD step, in place: W ← W − η·sign(G), elementwise (any shape; W and G of equal length). Returns W.
 * sign(±0) = sign(NaN) = 0.
 * @example signgdUpdate(W, G, { lr: 0.01 })
 * @throws InvalidArgumentError for missing options, lr not > 0 and finite, or W sharing memory with G.
 * @throws ShapeError if the lengths differ; DTypeError for mixed or non-float dtypes.
 * @throws UseAfterFreeError for a freed WasmArray; MemoryLimitError if plain arrays cannot be staged.
 */
export function signgdUpdate<W extends FloatInput>(W: W, G: FloatInput, options: { lr: number }): W {
  const opts = checkOptions('options', options, true, ['lr'])!;
  const lr = positive('lr', opts.lr);
  const dtype = commonDType({ W, G });
  // Read the length now: a view of WebAssembly memory reads 0 once a staging allocation has grown the memory.
  const n = W.length;
  length('G', G, n, `the length of W`);
  if (n === 0) return W;
  withStaged(
    [
      { param: 'W', value: W, mode: 'inout' },
      { param: 'G', value: G, mode: 'in' },
    ],
    ([w, gp]) => {
      const k = getKernels();
      (dtype === 'f32' ? k.signgdF32 : k.signgdF64)(w!, gp!, n, lr);
    },
  );
  return W;
}
