import type { FloatInput, MatrixShape } from './api.js';
import { getKernels } from './runtime.js';
import { withStaged } from './staging.js';
import { commonDType, length, options as checkOptions, positive, positiveInt } from './validate.js';

export interface SignGdOuterOptions extends MatrixShape {
  /** Learning rate η > 0. */
  lr: number;
}

/**
 * SignGD step for a linear layer, in place: W ← W − η·sign(g xᵀ), W of shape (rows, cols), g (rows), x (cols).
 * sign(0) = 0, so rows with g_r = 0 and columns with x_c = 0 do not move. Returns W.
 * @example signgdOuterUpdate(W, g, x, { rows: 2, cols: 3, lr: 0.01 })
 * @throws InvalidArgumentError for bad rows/cols or lr ≤ 0, ShapeError, DTypeError.
 */
export function signgdOuterUpdate<W extends FloatInput>(W: W, g: FloatInput, x: FloatInput, options: SignGdOuterOptions): W {
  const opts = checkOptions('options', options, true)!;
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
 * @throws InvalidArgumentError for lr ≤ 0, ShapeError, DTypeError.
 */
export function signgdUpdate<W extends FloatInput>(W: W, G: FloatInput, options: { lr: number }): W {
  const opts = checkOptions('options', options, true)!;
  const lr = positive('lr', opts.lr);
  const dtype = commonDType({ W, G });
  length('G', G, W.length, `the length of W`);
  if (W.length === 0) return W;
  withStaged(
    [
      { param: 'W', value: W, mode: 'inout' },
      { param: 'G', value: G, mode: 'in' },
    ],
    ([w, gp]) => {
      const k = getKernels();
      (dtype === 'f32' ? k.signgdF32 : k.signgdF64)(w!, gp!, W.length, lr);
    },
  );
  return W;
}
