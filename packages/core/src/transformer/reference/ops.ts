// The reference backend of the Transformer's operations: plain TypeScript over Float64Array (the oracle of the
// finite-difference checks) or Float32Array (f32 rounding after every operation, as the kernels do).
import { optim } from '@hw3/kernels/js';
import { matmulEach, type TransformerOps } from '../ops.js';
import { activationBackward, activationForward } from './activation.js';
import { addPositional, embeddingBackward, embeddingForward, positionalBackward } from './embedding.js';
import { permuteHeads } from './heads.js';
import { layerNormBackward, layerNormForward } from './layernorm.js';
import { addInPlace, matmul, type Vec } from './matmul.js';
import { poolBackward, poolForward } from './pool.js';
import { softmaxRowsBackward, softmaxRowsForward } from './softmax.js';
import { softmaxCrossEntropy } from './xent.js';

/** The reference operations in f64 or f32. */
export function referenceOps(dtype: 'f32' | 'f64'): TransformerOps<Vec, Int32Array> {
  const make = (n: number): Vec => (dtype === 'f32' ? new Float32Array(n) : new Float64Array(n));
  return {
    dtype,
    alloc: make,
    allocInts: (n) => new Int32Array(n),
    free: () => {},
    freeInts: () => {},
    fill: (b, value, n) => b.fill(value, 0, n),
    write: (b, values) => b.set(values as ArrayLike<number>),
    writeInts: (i, values) => i.set(values),
    read: (b, n) => Float64Array.from(b.subarray(0, n)),
    sumSquares: (b, n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += b[i]! * b[i]!;
      return s;
    },
    matmul: (A, B, C, m, n, k, o) => matmul(A, B, C, m, n, k, o),
    matmulBatch: (A, B, C, m, n, k, o) => matmulEach(matmul, A, B, C, m, n, k, o),
    add: (y, x, n) => addInPlace(y, x, n),
    copy: (dst, src, n) => dst.set(src.subarray(0, n)),
    layerNormForward,
    layerNormBackward,
    activationForward,
    activationBackward,
    softmaxRowsForward: (S, rows, cols, causal) => softmaxRowsForward(S, S, rows, cols, causal),
    softmaxRowsBackward: (P, dP, rows, cols) => softmaxRowsBackward(P, dP, dP, rows, cols),
    permuteHeads,
    embeddingForward,
    embeddingBackward,
    addPositional,
    positionalBackward,
    poolForward,
    poolBackward,
    softmaxCrossEntropy,
    // The kernels' own JS optimizer steps (the oracle of sgdF32/adamF32): without a velocity buffer, plain SGD.
    sgd: (W, G, buf, _n, lr, momentum) => void optim.sgd(W, G, buf ?? G, lr, buf ? momentum : 0),
    adam: (W, G, M, V, _n, lr, beta1, beta2, eps, c1, c2) => void optim.adam(W, G, M, V, { lr, beta1, beta2, eps, c1, c2 }),
  };
}
