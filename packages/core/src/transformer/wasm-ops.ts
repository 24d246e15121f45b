// The WebAssembly backend of the Transformer's operations: float32 buffers in WebAssembly memory (WasmArray), every
// operation one kernel call (matrix products through gemmF32, the rest in packages/kernels/assembly/transformer).
// Pointers never leave this file. The gemm scratch grows to the largest inner dimension seen.
import { allocate, getKernels, release } from '../base/runtime.js';
import { pointerOf, WasmArray } from '../base/wasm-array.js';
import type { TransformerOps } from './ops.js';
import { LAYERNORM_EPS } from './reference/layernorm.js';

/** An int32 buffer in WebAssembly memory. */
export interface WasmInts {
  ptr: number;
  length: number;
}

const ACT = { relu: 0, gelu: 1 } as const;
const POOL = { last: 0, mean: 1 } as const;

/** The kernel backend; `release()` frees its gemm scratch. */
export function wasmOps(): TransformerOps<WasmArray<'f32'>, WasmInts> {
  let pack = 0;
  let packBytes = 0;
  const P = (a: WasmArray<'f32'>) => pointerOf(a, 'buffer');
  const scratch = (k: number) => {
    const need = getKernels().gemmScratchBytes(k);
    if (need > packBytes) {
      if (pack) release(pack, packBytes);
      pack = 0;
      packBytes = 0;
      pack = allocate('gemm scratch', need);
      packBytes = need;
    }
    return pack;
  };
  return {
    dtype: 'f32',
    alloc: (n) => new WasmArray('f32', n),
    allocInts: (n) => ({ ptr: allocate('ints', Math.max(n, 1) * 4), length: n }),
    free: (b) => b.free(),
    freeInts: (i) => release(i.ptr, Math.max(i.length, 1) * 4),
    fill: (b, value, n) => void b.view().fill(value, 0, n),
    write: (b, values) => void b.view().set(values),
    writeInts: (i, values) => new Int32Array(getKernels().memory.buffer, i.ptr, i.length).set(values),
    read: (b, n) => Float64Array.from(b.view().subarray(0, n)),
    sumSquares: (b, n) => {
      const v = b.view();
      let s = 0;
      for (let i = 0; i < n; i++) s += v[i]! * v[i]!;
      return s;
    },
    matmul: (A, B, C, m, n, k, o = {}) => {
      const pk = scratch(k);
      getKernels().gemmF32(
        P(A) + 4 * (o.aOffset ?? 0), P(B) + 4 * (o.bOffset ?? 0), P(C) + 4 * (o.cOffset ?? 0), m, n, k,
        o.transA ? 1 : 0, o.transB ? 1 : 0, o.alpha ?? 1, o.accumulate ? 1 : 0, pk,
      );
    },
    add: (y, x, n) => getKernels().addF32(P(y), P(x), n),
    copy: (dst, src, n) => getKernels().copyBytes(P(dst), P(src), 4 * n),
    layerNormForward: (x, g, b, y, mean, rstd, rows, d) => getKernels().layerNormForwardF32(P(x), P(g), P(b), P(y), P(mean), P(rstd), rows, d, LAYERNORM_EPS),
    layerNormBackward: (dy, x, g, mean, rstd, dx, dg, db, rows, d) =>
      getKernels().layerNormBackwardF32(P(dy), P(x), P(g), P(mean), P(rstd), P(dx), P(dg), P(db), rows, d),
    activationForward: (kind, x, y, n) => getKernels().activationForwardF32(ACT[kind], P(x), P(y), n),
    activationBackward: (kind, x, dy, dx, n) => getKernels().activationBackwardF32(ACT[kind], P(x), P(dy), P(dx), n),
    softmaxRowsForward: (S, rows, cols, causal) => getKernels().softmaxRowsF32(P(S), rows, cols, causal ? 1 : 0),
    softmaxRowsBackward: (Pm, dP, rows, cols) => getKernels().softmaxRowsBackwardF32(P(Pm), P(dP), rows, cols),
    permuteHeads: (src, dst, batch, seqLen, heads, dHead, merge) => getKernels().permuteHeadsF32(P(src), P(dst), batch, seqLen, heads, dHead, merge ? 1 : 0),
    embeddingForward: (tokens, stride, E, alpha, Pos, x, batch, seqLen, d) =>
      getKernels().embeddingForwardF32(tokens.ptr, stride, P(E), alpha, P(Pos), P(x), batch, seqLen, d),
    embeddingBackward: (tokens, stride, dx, alpha, dE, dP, batch, seqLen, d) =>
      getKernels().embeddingBackwardF32(tokens.ptr, stride, P(dx), alpha, P(dE), P(dP), batch, seqLen, d),
    addPositional: (x, Pos, batch, seqLen, d) => getKernels().addPositionalF32(P(x), P(Pos), batch, seqLen, d),
    positionalBackward: (dx, dP, batch, seqLen, d) => getKernels().positionalBackwardF32(P(dx), P(dP), batch, seqLen, d),
    poolForward: (h, r, batch, seqLen, d, mode) => getKernels().poolForwardF32(P(h), P(r), batch, seqLen, d, POOL[mode]),
    poolBackward: (dr, dh, batch, seqLen, d, mode) => getKernels().poolBackwardF32(P(dr), P(dh), batch, seqLen, d, POOL[mode]),
    softmaxCrossEntropy: (logits, labels, dlogits, rows, cols, gradScale) => getKernels().softmaxXentF32(P(logits), labels.ptr, P(dlogits), rows, cols, gradScale),
    sgd: (W, G, buf, n, lr, momentum) => getKernels().sgdF32(P(W), P(G), buf ? P(buf) : 0, n, lr, momentum),
    adam: (W, G, M, V, n, lr, b1, b2, eps, c1, c2) => getKernels().adamF32(P(W), P(G), P(M), P(V), n, lr, b1, b2, eps, c1, c2),
    release: () => {
      if (pack) release(pack, packBytes);
      pack = 0;
      packBytes = 0;
    },
  };
}
