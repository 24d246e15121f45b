// The WebAssembly backend of the Transformer's operations: float32 buffers in a kernel backend's memory, every
// operation one kernel call (matrix products through gemmF32, batches of them through gemmF32Batch, the rest in
// packages/kernels/assembly/transformer).
// The backend (base/kernel-backend.ts) decides where the buffers live and who runs the products and the optimizer
// steps: this realm's one-thread kernels, or the two-thread kernels on a shared memory, which split them between two
// threads with the same bits. The small ops (LayerNorm, softmax, GELU, permutes, embeddings) always run on this
// thread, on the backend's own kernels instance, so with two threads they read and write the shared memory too.
// Pointers never leave this file. The gemm scratch grows to the largest inner dimension seen.
import { oneThreadBackend, type F32Buffer, type KernelBackend } from '../base/kernel-backend.js';
import type { TransformerOps } from './ops.js';
import { LAYERNORM_EPS } from './reference/layernorm.js';

/** An int32 buffer in the backend's memory. */
export interface WasmInts {
  ptr: number;
  length: number;
}

const ACT = { relu: 0, gelu: 1 } as const;
const POOL = { last: 0, mean: 1 } as const;

/** The kernel backend's ops (default: this realm's one thread); `release()` frees the gemm scratch. */
export function wasmOps(backend: KernelBackend = oneThreadBackend()): TransformerOps<F32Buffer, WasmInts> {
  const k = backend.kernels;
  let pack = 0;
  let packBytes = 0;
  const P = (a: F32Buffer) => a.pointer();
  const scratch = (inner: number) => {
    const need = k.gemmScratchBytes(inner);
    if (need > packBytes) {
      if (pack) backend.freeBytes(pack, packBytes);
      pack = 0;
      packBytes = 0;
      pack = backend.allocBytes('gemm scratch', need);
      packBytes = need;
    }
    return pack;
  };
  const intBytes = (n: number) => Math.max(n, 1) * 4;
  return {
    dtype: 'f32',
    alloc: (n) => backend.f32('length', n),
    allocInts: (n) => ({ ptr: backend.allocBytes('ints', intBytes(n)), length: n }),
    free: (b) => b.free(),
    freeInts: (i) => backend.freeBytes(i.ptr, intBytes(i.length)),
    fill: (b, value, n) => void b.view().fill(value, 0, n),
    write: (b, values) => void b.view().set(values),
    writeInts: (i, values) => new Int32Array(k.memory.buffer, i.ptr, i.length).set(values),
    read: (b, n) => Float64Array.from(b.view().subarray(0, n)),
    sumSquares: (b, n) => {
      const v = b.view();
      let s = 0;
      for (let i = 0; i < n; i++) s += v[i]! * v[i]!;
      return s;
    },
    matmul: (A, B, C, m, n, inner, o = {}) => {
      const pk = scratch(inner);
      backend.gemmF32(
        P(A) + 4 * (o.aOffset ?? 0), P(B) + 4 * (o.bOffset ?? 0), P(C) + 4 * (o.cOffset ?? 0), m, n, inner,
        o.transA ? 1 : 0, o.transB ? 1 : 0, o.alpha ?? 1, o.accumulate ? 1 : 0, pk,
      );
    },
    matmulBatch: (A, B, C, m, n, inner, o) => {
      const pk = scratch(inner);
      backend.gemmF32Batch(
        P(A) + 4 * (o.aOffset ?? 0), P(B) + 4 * (o.bOffset ?? 0), P(C) + 4 * (o.cOffset ?? 0), m, n, inner,
        o.transA ? 1 : 0, o.transB ? 1 : 0, o.alpha ?? 1, o.accumulate ? 1 : 0, pk, o.count, 4 * o.aStride, 4 * o.bStride, 4 * o.cStride,
      );
    },
    add: (y, x, n) => k.addF32(P(y), P(x), n),
    copy: (dst, src, n) => k.copyBytes(P(dst), P(src), 4 * n),
    layerNormForward: (x, g, b, y, mean, rstd, rows, d) => k.layerNormForwardF32(P(x), P(g), P(b), P(y), P(mean), P(rstd), rows, d, LAYERNORM_EPS),
    layerNormBackward: (dy, x, g, mean, rstd, dx, dg, db, rows, d) => k.layerNormBackwardF32(P(dy), P(x), P(g), P(mean), P(rstd), P(dx), P(dg), P(db), rows, d),
    activationForward: (kind, x, y, n) => k.activationForwardF32(ACT[kind], P(x), P(y), n),
    activationBackward: (kind, x, dy, dx, n) => k.activationBackwardF32(ACT[kind], P(x), P(dy), P(dx), n),
    softmaxRowsForward: (S, rows, cols, causal) => k.softmaxRowsF32(P(S), rows, cols, causal ? 1 : 0),
    softmaxRowsBackward: (Pm, dP, rows, cols) => k.softmaxRowsBackwardF32(P(Pm), P(dP), rows, cols),
    permuteHeads: (src, dst, batch, seqLen, heads, dHead, merge) => k.permuteHeadsF32(P(src), P(dst), batch, seqLen, heads, dHead, merge ? 1 : 0),
    embeddingForward: (tokens, stride, E, alpha, Pos, x, batch, seqLen, d) => k.embeddingForwardF32(tokens.ptr, stride, P(E), alpha, P(Pos), P(x), batch, seqLen, d),
    embeddingBackward: (tokens, stride, dx, alpha, dE, dP, batch, seqLen, d) => k.embeddingBackwardF32(tokens.ptr, stride, P(dx), alpha, P(dE), P(dP), batch, seqLen, d),
    addPositional: (x, Pos, batch, seqLen, d) => k.addPositionalF32(P(x), P(Pos), batch, seqLen, d),
    positionalBackward: (dx, dP, batch, seqLen, d) => k.positionalBackwardF32(P(dx), P(dP), batch, seqLen, d),
    poolForward: (h, r, batch, seqLen, d, mode) => k.poolForwardF32(P(h), P(r), batch, seqLen, d, POOL[mode]),
    poolBackward: (dr, dh, batch, seqLen, d, mode) => k.poolBackwardF32(P(dr), P(dh), batch, seqLen, d, POOL[mode]),
    softmaxCrossEntropy: (logits, labels, dlogits, rows, cols, gradScale) => k.softmaxXentF32(P(logits), labels.ptr, P(dlogits), rows, cols, gradScale),
    sgd: (W, G, buf, n, lr, momentum) => backend.sgdF32(P(W), P(G), buf ? P(buf) : 0, n, lr, momentum),
    adam: (W, G, M, V, n, lr, b1, b2, eps, c1, c2) => backend.adamF32(P(W), P(G), P(M), P(V), n, lr, b1, b2, eps, c1, c2),
    release: () => {
      if (pack) backend.freeBytes(pack, packBytes);
      pack = 0;
      packBytes = 0;
    },
  };
}
