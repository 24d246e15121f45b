// Splitting the attention's q, k, v into heads and merging them back, reference (a pure permutation: exact).
//   row-major (B·T × H·dh), head h of row b·T + t in columns h·dh … (h+1)·dh − 1
//   ⇄ split (B·H blocks of T × dh), block b·H + h, row t
// so every head's Q Kᵀ and P V is one contiguous matrix product.
import type { Vec } from './matmul.js';

/** (B·T × H·dh) → (B·H × T × dh), or back when `merge`. */
export function permuteHeads(src: Vec, dst: Vec, batch: number, seqLen: number, heads: number, dHead: number, merge: boolean): void {
  const d = heads * dHead;
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      for (let t = 0; t < seqLen; t++) {
        const split = ((b * heads + h) * seqLen + t) * dHead;
        const rowMajor = (b * seqLen + t) * d + h * dHead;
        for (let j = 0; j < dHead; j++) {
          if (merge) dst[rowMajor + j] = src[split + j]!;
          else dst[split + j] = src[rowMajor + j]!;
        }
      }
    }
  }
}
