// The operations the Transformer is built from, over opaque buffers: one network (network.ts) runs on either backend —
// the plain-TypeScript reference (f64 or f32, reference/ops.ts) or the WebAssembly kernels (f32, wasm-ops.ts) — so both
// do the same operations in the same order, and a test can hold them to bit equality where the kernels allow it.
// Sizes are element counts; offsets are in elements. Shapes are in the reference functions' comments.

/** Matrix product options (see reference/matmul.ts). */
export interface ProductOptions {
  transA?: boolean;
  transB?: boolean;
  alpha?: number;
  accumulate?: boolean;
  aOffset?: number;
  bOffset?: number;
  cOffset?: number;
}

/** A batch of products: the i-th has every offset advanced by i × its stride (elements). */
export interface BatchOptions extends ProductOptions {
  count: number;
  aStride: number;
  bStride: number;
  cStride: number;
}

/** The batch as `count` matmul calls, in order (the reference's batch, and the meaning of every backend's). */
export function matmulEach<B>(matmul: (A: B, Bm: B, C: B, m: number, n: number, k: number, o?: ProductOptions) => void, A: B, Bm: B, C: B, m: number, n: number, k: number, o: BatchOptions): void {
  const { count, aStride, bStride, cStride, ...one } = o;
  for (let i = 0; i < count; i++) {
    matmul(A, Bm, C, m, n, k, { ...one, aOffset: (o.aOffset ?? 0) + i * aStride, bOffset: (o.bOffset ?? 0) + i * bStride, cOffset: (o.cOffset ?? 0) + i * cStride });
  }
}

export interface TransformerOps<B, I> {
  readonly dtype: 'f32' | 'f64';
  /** A zeroed float buffer of n elements. */
  alloc(n: number): B;
  /** An int32 buffer of n elements. */
  allocInts(n: number): I;
  free(b: B): void;
  freeInts(i: I): void;
  fill(b: B, value: number, n: number): void;
  write(b: B, values: ArrayLike<number>): void;
  writeInts(i: I, values: Int32Array): void;
  /** A copy of the first n elements as f64 (for checks and measurements). */
  read(b: B, n: number): Float64Array;
  /** Σ x² over n elements, in f64 (coordinate sizes). */
  sumSquares(b: B, n: number): number;

  matmul(A: B, Bm: B, C: B, m: number, n: number, k: number, o?: ProductOptions): void;
  /** Independent products at fixed strides (the per-head attention products): matmulEach's result, in one call. */
  matmulBatch(A: B, Bm: B, C: B, m: number, n: number, k: number, o: BatchOptions): void;
  add(y: B, x: B, n: number): void;
  copy(dst: B, src: B, n: number): void;
  layerNormForward(x: B, g: B, b: B, y: B, mean: B, rstd: B, rows: number, d: number): void;
  layerNormBackward(dy: B, x: B, g: B, mean: B, rstd: B, dx: B, dg: B, db: B, rows: number, d: number): void;
  activationForward(kind: 'relu' | 'gelu', x: B, y: B, n: number): void;
  activationBackward(kind: 'relu' | 'gelu', x: B, dy: B, dx: B, n: number): void;
  softmaxRowsForward(S: B, rows: number, cols: number, causal: boolean): void;
  softmaxRowsBackward(P: B, dP: B, rows: number, cols: number): void;
  permuteHeads(src: B, dst: B, batch: number, seqLen: number, heads: number, dHead: number, merge: boolean): void;
  embeddingForward(tokens: I, tokenStride: number, E: B, alpha: number, P: B, x: B, batch: number, seqLen: number, d: number): void;
  embeddingBackward(tokens: I, tokenStride: number, dx: B, alpha: number, dE: B, dP: B, batch: number, seqLen: number, d: number): void;
  addPositional(x: B, P: B, batch: number, seqLen: number, d: number): void;
  positionalBackward(dx: B, dP: B, batch: number, seqLen: number, d: number): void;
  poolForward(h: B, r: B, batch: number, seqLen: number, d: number, mode: 'last' | 'mean'): void;
  poolBackward(dr: B, dh: B, batch: number, seqLen: number, d: number, mode: 'last' | 'mean'): void;
  /** Mean cross-entropy; dlogits ← (softmax − onehot)·gradScale. */
  softmaxCrossEntropy(logits: B, labels: I, dlogits: B, rows: number, cols: number, gradScale: number): number;
  sgd(W: B, G: B, buf: B | undefined, n: number, lr: number, momentum: number): void;
  adam(W: B, G: B, M: B, V: B, n: number, lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void;
  /** Frees the backend's own scratch (the gemm packing buffer); called by the network's free(). */
  release?(): void;
}
