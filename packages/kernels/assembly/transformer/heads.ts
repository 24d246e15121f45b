// Splitting q, k, v into heads and merging them back (a permutation: exact). Reference:
// packages/core/src/transformer/reference/heads.ts.
//   row-major (B·T × H·dh) ⇄ split (B·H blocks of T × dh): block b·H + h, row t ↔ row b·T + t, columns h·dh …

/** dst ← src permuted: split when merge = 0, merged back when merge ≠ 0. */
export function permuteHeadsF32(srcPtr: usize, dstPtr: usize, batch: i32, seqLen: i32, heads: i32, dHead: i32, merge: i32): void {
  const d = heads * dHead;
  const bytes = <usize>dHead * 4;
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      for (let t = 0; t < seqLen; t++) {
        const split = (<usize>((b * heads + h) * seqLen + t) * <usize>dHead) * 4;
        const rowMajor = (<usize>(b * seqLen + t) * <usize>d + <usize>(h * dHead)) * 4;
        if (merge) memory.copy(dstPtr + rowMajor, srcPtr + split, bytes);
        else memory.copy(dstPtr + split, srcPtr + rowMajor, bytes);
      }
    }
  }
}
