// A batch of independent matrix products whose operands sit at fixed strides (the Transformer's per-head attention
// products: batch × heads products of seqLen × seqLen × d_head). One call for the batch lets two kernel threads split
// it by products, one hand-off instead of one per product; each product is still one gemmF32 call, so the same bits.
import type { KernelExports } from '@hw3/kernels';

/** Arguments the kernel thread reads for a batch (see KernelThreads.gemmF32Batch). */
export const GEMM_BATCH_ARGS = 15;

/**
 * For i in [0, count): gemmF32 on a + i·strideA, b + i·strideB, c + i·strideC (byte offsets), the other arguments
 * shared. `pack` is the caller's gemm scratch (gemmScratchBytes(k)).
 */
export function gemmF32Batch(
  kernels: Pick<KernelExports, 'gemmF32'>,
  a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, alpha: number, accumulate: number, pack: number,
  count: number, strideA: number, strideB: number, strideC: number,
): void {
  for (let i = 0; i < count; i++) kernels.gemmF32(a + i * strideA, b + i * strideB, c + i * strideC, m, n, k, transA, transB, alpha, accumulate, pack);
}
