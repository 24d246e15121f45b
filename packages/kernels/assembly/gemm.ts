// Blocked f32 matrix product C (m × n) ← alpha·op(A)·op(B) (+ C), the hot kernel of MLP training.
// op(A) is (m × k): A row-major (m × k), or transA: A stored (k × m). op(B) is (k × n): B row-major (k × n), or
// transB: B stored (n × k). All three products of a dense layer are one call each:
//   forward   Z  = X Wᵀ   (transB),   backward  dX = dZ W,   weights  dW = dZᵀ X (transA).
//
// Scheme: op(A) is taken in chunks of MC = 64 rows, packed as 4-row blocks (16 contiguous bytes per k); op(B) in
// panels of 8 columns, packed k × 8 contiguous (two panels per pass over B's rows when B is row-major, transposed 4 × 4
// at a time when it is stored transposed). Each 4 × 8 block of C lives in eight v128 accumulators while it runs over
// KC = 256 steps of k; between steps its sums wait in scratch. Every element of C is summed over k in order 0 … k−1
// with one f32 rounding per multiply and per add (no FMA in wasm SIMD; stored and reloaded f32 sums are exact), so a
// scalar loop with Math.fround after each operation reproduces it bit for bit (see src/reference/gemm.ts).
// Measured (width 2048, the MLP step's shapes, CPU time under load): the weight-gradient products went from 24 to
// 40–45 GFLOP/s and the others from 33–38 to 40–43, against a WASM SIMD peak of 43–46 (benchmarks, limits).

const NR: i32 = 8;

// Four rows of 4 f32 (at src, src + stride, …) written as four columns: dst + 32·c holds element c of each row, so
// four 16-byte stores at a 32-byte stride fill one half of four panel rows.
// @ts-ignore: decorator
@inline function transpose4(src: usize, stride: usize, dst: usize): void {
  const a = v128.load(src), b = v128.load(src + stride), c = v128.load(src + 2 * stride), d = v128.load(src + 3 * stride);
  const ab01 = i32x4.shuffle(a, b, 0, 4, 1, 5), ab23 = i32x4.shuffle(a, b, 2, 6, 3, 7);
  const cd01 = i32x4.shuffle(c, d, 0, 4, 1, 5), cd23 = i32x4.shuffle(c, d, 2, 6, 3, 7);
  v128.store(dst, i64x2.shuffle(ab01, cd01, 0, 2));
  v128.store(dst, i64x2.shuffle(ab01, cd01, 1, 3), 32);
  v128.store(dst, i64x2.shuffle(ab23, cd23, 0, 2), 64);
  v128.store(dst, i64x2.shuffle(ab23, cd23, 1, 3), 96);
}

// pack (k × 8) ← columns j0 … j0+cols−1 of op(B), zero-padded to 8.
// @ts-ignore: decorator
@inline function packPanel(bPtr: usize, pack: usize, j0: i32, cols: i32, n: i32, k: i32, transB: bool): void {
  if (cols < NR) memory.fill(pack, 0, <usize>k * <usize>NR * 4);
  if (transB && cols == NR) {
    // B stored (n × k): the panel is eight rows of B transposed. Four kk at a time: a 4 × 4 transpose of each half
    // (eight 16-byte loads, eight shuffles, eight stores, instead of 32 scalar loads and stores).
    const rowBytes = <usize>k * 4;
    const r0 = bPtr + <usize>j0 * rowBytes;
    const k4 = k & ~3;
    let dst = pack;
    for (let kk = 0; kk < k4; kk += 4) {
      const off = <usize>kk * 4;
      transpose4(r0 + off, rowBytes, dst);
      transpose4(r0 + 4 * rowBytes + off, rowBytes, dst + 16);
      dst += 128;
    }
    for (let kk = k4; kk < k; kk++) {
      for (let jj = 0; jj < NR; jj++) store<f32>(dst + <usize>jj * 4, load<f32>(r0 + <usize>jj * rowBytes + <usize>kk * 4));
      dst += 32;
    }
  } else if (transB) {
    // B stored (n × k): column j of op(B) is row j of B, contiguous along k.
    for (let jj = 0; jj < cols; jj++) {
      const src = bPtr + (<usize>(j0 + jj) * <usize>k) * 4;
      const dst = pack + <usize>jj * 4;
      for (let kk = 0; kk < k; kk++) store<f32>(dst + <usize>kk * 32, load<f32>(src + <usize>kk * 4));
    }
  } else {
    const rowBytes = <usize>n * 4;
    let src = bPtr + <usize>j0 * 4;
    let dst = pack;
    if (cols == NR) {
      for (let kk = 0; kk < k; kk++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += rowBytes;
        dst += 32;
      }
    } else {
      for (let kk = 0; kk < k; kk++) {
        for (let jj = 0; jj < cols; jj++) store<f32>(dst + <usize>jj * 4, load<f32>(src + <usize>jj * 4));
        src += rowBytes;
        dst += 32;
      }
    }
  }
}

// Writes one 8-wide row of results: C[row, j0 …] ← alpha·acc (+ C); only `cols` columns when cols < 8.
// @ts-ignore: decorator
@inline function storeRow(c: usize, lo: v128, hi: v128, alpha: v128, accumulate: bool, cols: i32, tmp: usize): void {
  let r0 = f32x4.mul(lo, alpha);
  let r1 = f32x4.mul(hi, alpha);
  if (cols == NR) {
    if (accumulate) {
      r0 = f32x4.add(v128.load(c), r0);
      r1 = f32x4.add(v128.load(c, 16), r1);
    }
    v128.store(c, r0);
    v128.store(c, r1, 16);
  } else {
    v128.store(tmp, r0);
    v128.store(tmp, r1, 16);
    for (let jj = 0; jj < cols; jj++) {
      const off = <usize>jj * 4;
      const v = load<f32>(tmp + off);
      store<f32>(c + off, accumulate ? load<f32>(c + off) + v : v);
    }
  }
}

// Rows of op(A) per packed chunk, and steps of k per pass over a panel (see gemmF32).
const MC: i32 = 64;
const KC: i32 = 256;

// apack ← rows i0 … i0+rows−1 of op(A) = Aᵀ (A stored k × m), rows a multiple of 4, as 4-row blocks: block b holds,
// for kk = 0 … k−1, the 16 bytes op(A)[i0+4b … i0+4b+3, kk] at apack + (b·k + kk)·16. The microkernel then reads one
// cache line per four kk instead of one line per kk at a stride of m·4 bytes (a power of two for the MLP's widths:
// every line in the same L1 set, which thrashed and made the weight-gradient products 1.5× slower than the others).
// @ts-ignore: decorator
@inline function packATransposed(aPtr: usize, apack: usize, i0: i32, rows: i32, m: i32, k: i32): void {
  const blocks = rows >> 2;
  const blockBytes = <usize>k * 16;
  let src = aPtr + <usize>i0 * 4;
  const rowBytes = <usize>m * 4;
  for (let kk = 0; kk < k; kk++) {
    let dst = apack + <usize>kk * 16;
    for (let b = 0; b < blocks; b++) {
      v128.store(dst, v128.load(src + (<usize>b << 4)));
      dst += blockBytes;
    }
    src += rowBytes;
  }
}

// The same layout from op(A) = A stored row-major (m × k): four rows gathered per kk.
// @ts-ignore: decorator
@inline function packARows(aPtr: usize, apack: usize, i0: i32, rows: i32, k: i32): void {
  const rowBytes = <usize>k * 4;
  let dst = apack;
  for (let b = 0; b < rows; b += 4) {
    const a0 = aPtr + <usize>(i0 + b) * rowBytes;
    for (let kk = 0; kk < k; kk++) {
      const off = <usize>kk * 4;
      store<f32>(dst, load<f32>(a0 + off));
      store<f32>(dst, load<f32>(a0 + rowBytes + off), 4);
      store<f32>(dst, load<f32>(a0 + 2 * rowBytes + off), 8);
      store<f32>(dst, load<f32>(a0 + 3 * rowBytes + off), 12);
      dst += 16;
    }
  }
}

// Rows 0…3 of a C block, columns j0 … j0+cols−1: adds Σ_kk op(A)[row, kk]·panel[kk, ·] over kLen steps of kk to the
// running sums, with op(A)[row r, kk] at a + r·r1 + kk·step. The sums start at 0 (first) or from `sums` (8 v128), and
// go back to `sums`, or when `last`, to C as alpha·sum (+ C). Stored and reloaded f32 sums are exact, so splitting kk
// into blocks keeps every element's sum in order 0 … k−1 with one rounding per operation.
// @ts-ignore: decorator
@inline function block4x8(
  a: usize, r1: usize, step: usize, panel: usize, kLen: i32, sums: usize, first: bool, last: bool,
  c: usize, ldc: usize, alphaV: v128, acc: bool, cols: i32, tmp: usize,
): void {
  let a0 = a;
  const r2 = r1 * 2, r3 = r1 * 3;
  let p = panel;
  const end = panel + <usize>kLen * 32;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (!first) {
    c00 = v128.load(sums); c01 = v128.load(sums, 16); c10 = v128.load(sums, 32); c11 = v128.load(sums, 48);
    c20 = v128.load(sums, 64); c21 = v128.load(sums, 80); c30 = v128.load(sums, 96); c31 = v128.load(sums, 112);
  }
  while (p < end) {
    const b0 = v128.load(p);
    const b1 = v128.load(p, 16);
    const x0 = v128.load32_splat(a0);
    c00 = f32x4.add(c00, f32x4.mul(x0, b0));
    c01 = f32x4.add(c01, f32x4.mul(x0, b1));
    const x1 = v128.load32_splat(a0 + r1);
    c10 = f32x4.add(c10, f32x4.mul(x1, b0));
    c11 = f32x4.add(c11, f32x4.mul(x1, b1));
    const x2 = v128.load32_splat(a0 + r2);
    c20 = f32x4.add(c20, f32x4.mul(x2, b0));
    c21 = f32x4.add(c21, f32x4.mul(x2, b1));
    const x3 = v128.load32_splat(a0 + r3);
    c30 = f32x4.add(c30, f32x4.mul(x3, b0));
    c31 = f32x4.add(c31, f32x4.mul(x3, b1));
    p += 32;
    a0 += step;
  }
  if (last) {
    storeRow(c, c00, c01, alphaV, acc, cols, tmp);
    storeRow(c + ldc, c10, c11, alphaV, acc, cols, tmp);
    storeRow(c + 2 * ldc, c20, c21, alphaV, acc, cols, tmp);
    storeRow(c + 3 * ldc, c30, c31, alphaV, acc, cols, tmp);
  } else {
    v128.store(sums, c00); v128.store(sums, c01, 16); v128.store(sums, c10, 32); v128.store(sums, c11, 48);
    v128.store(sums, c20, 64); v128.store(sums, c21, 80); v128.store(sums, c30, 96); v128.store(sums, c31, 112);
  }
}

// One row of C, columns j0 … j0+cols−1, with op(A)[row, kk] at a + kk·step.
// @ts-ignore: decorator
@inline function block1x8(a: usize, step: usize, pack: usize, k: i32, c: usize, alphaV: v128, acc: bool, cols: i32, tmp: usize): void {
  let a0 = a;
  let p = pack;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  for (let kk = 0; kk < k; kk++) {
    const x0 = v128.load32_splat(a0);
    c00 = f32x4.add(c00, f32x4.mul(x0, v128.load(p)));
    c01 = f32x4.add(c01, f32x4.mul(x0, v128.load(p, 16)));
    p += 32;
    a0 += step;
  }
  storeRow(c, c00, c01, alphaV, acc, cols, tmp);
}

// Two panels at once from row-major B (k × n), columns j0 … j0+15: one 64-byte read per kk (a whole cache line)
// instead of two 32-byte reads of the same line a panel apart, by then evicted (B's rows are n·4 bytes apart: for
// the MLP's widths a power of two, so every kk's line maps to the same L1 set).
// @ts-ignore: decorator
@inline function packPanelPair(bPtr: usize, panel0: usize, panel1: usize, j0: i32, n: i32, k: i32): void {
  const rowBytes = <usize>n * 4;
  let src = bPtr + <usize>j0 * 4;
  let d0 = panel0, d1 = panel1;
  for (let kk = 0; kk < k; kk++) {
    v128.store(d0, v128.load(src));
    v128.store(d0, v128.load(src, 16), 16);
    v128.store(d1, v128.load(src, 32));
    v128.store(d1, v128.load(src, 48), 16);
    src += rowBytes;
    d0 += 32;
    d1 += 32;
  }
}

// Every 4-row block of a packed chunk of op(A) (rows rows from row i0) against one packed panel (columns j0 …).
// Steps of KC along k: a KC × 8 slice of the panel (8 KiB) stays in L1 while every block of the chunk uses it; the
// whole panel (k·32 bytes: 64 KiB at k = 2048) did not.
// @ts-ignore: decorator
@inline function sweepPanel(
  apack: usize, rows: i32, i0: i32, panel: usize, j0: i32, cols: i32, k: i32, sums: usize,
  cPtr: usize, ldc: usize, alphaV: v128, acc: bool, tmp: usize,
): void {
  for (let kc0 = 0; kc0 < k; kc0 += KC) {
    const kLen = min(KC, k - kc0);
    const first = kc0 == 0, last = kc0 + kLen >= k;
    const slice = panel + <usize>kc0 * 32;
    for (let b = 0; b < rows; b += 4) {
      const c = cPtr + <usize>(i0 + b) * ldc + <usize>j0 * 4;
      const a = apack + (<usize>b >> 2) * (<usize>k * 16) + <usize>kc0 * 16;
      block4x8(a, 4, 16, slice, kLen, sums + (<usize>b << 5), first, last, c, ldc, alphaV, acc, cols, tmp);
    }
  }
}

/**
 * Bytes of the `pack` scratch gemmF32 needs for inner dimension k: two panels of op(B) (k × 8 f32 each) and an edge
 * row (4 × 8), a packed chunk of op(A) (MC × k), and the running sums of a chunk's blocks (MC × 8).
 */
export function gemmScratchBytes(k: i32): usize {
  return (2 * <usize>k + 4) * 32 + <usize>MC * <usize>k * 4 + <usize>MC * 32;
}

/**
 * C (m × n) ← alpha·op(A)·op(B), plus the old C when `accumulate` ≠ 0.
 * pack: caller-owned scratch of gemmScratchBytes(k) bytes, 16-byte aligned.
 */
export function gemmF32(
  aPtr: usize, bPtr: usize, cPtr: usize, m: i32, n: i32, k: i32,
  transA: i32, transB: i32, alpha: f32, accumulate: i32, pack: usize,
): void {
  gemmF32Columns(aPtr, bPtr, cPtr, m, n, k, transA, transB, alpha, accumulate, pack, 0, n);
}

/**
 * gemmF32 restricted to columns jBegin … jEnd−1 of C (0 ≤ jBegin < jEnd ≤ n): what one thread computes when a product
 * is split between threads by columns. Each element's sum runs over k in the same order, with the same roundings,
 * whatever the range (a column's SIMD lane does not change its arithmetic), so any split gives gemmF32's bits; ranges
 * starting at multiples of 16 keep the two-panel packing of row-major B. Each thread needs its own `pack` scratch.
 */
export function gemmF32Columns(
  aPtr: usize, bPtr: usize, cPtr: usize, m: i32, n: i32, k: i32,
  transA: i32, transB: i32, alpha: f32, accumulate: i32, pack: usize, jBegin: i32, jEnd: i32,
): void {
  // Byte strides of op(A): element (i, kk) at aPtr + i·ars + kk·acs.
  const ars: usize = transA ? 4 : <usize>k * 4;
  const acs: usize = transA ? <usize>m * 4 : 4;
  const ldc = <usize>n * 4;
  const acc = accumulate != 0;
  const alphaV = f32x4.splat(alpha);
  const panel0 = pack;
  const tmp = pack + <usize>k * 32;
  const panel1 = pack + (<usize>k + 4) * 32;
  const apack = panel1 + <usize>k * 32;
  const sums = apack + <usize>MC * <usize>k * 4;
  const m4 = m & ~3;
  // Chunks of MC rows of op(A), packed once (packATransposed / packARows), each swept against every panel of op(B)
  // (repacked per chunk: k × 8 floats per panel, against MC·k·8 multiply–adds). Packed, a 4-row block reads one
  // cache line per four kk; unpacked it read four (row-major) or one per kk at a stride of m·4 bytes (transposed).
  for (let i0 = 0; i0 < m4; i0 += MC) {
    const rows = min(MC, m4 - i0);
    if (transA) packATransposed(aPtr, apack, i0, rows, m, k);
    else packARows(aPtr, apack, i0, rows, k);
    for (let j0 = jBegin; j0 < jEnd; j0 += 2 * NR) {
      const cols0 = min(NR, jEnd - j0);
      const cols1 = min(NR, jEnd - j0 - NR);
      if (!transB && cols1 == NR) packPanelPair(bPtr, panel0, panel1, j0, n, k);
      else {
        packPanel(bPtr, panel0, j0, cols0, n, k, transB != 0);
        if (cols1 > 0) packPanel(bPtr, panel1, j0 + NR, cols1, n, k, transB != 0);
      }
      sweepPanel(apack, rows, i0, panel0, j0, cols0, k, sums, cPtr, ldc, alphaV, acc, tmp);
      if (cols1 > 0) sweepPanel(apack, rows, i0, panel1, j0 + NR, cols1, k, sums, cPtr, ldc, alphaV, acc, tmp);
    }
  }
  // Leftover rows (m mod 4), one at a time from A itself.
  if (m4 < m) {
    for (let j0 = jBegin; j0 < jEnd; j0 += NR) {
      const cols = min(NR, jEnd - j0);
      packPanel(bPtr, panel0, j0, cols, n, k, transB != 0);
      for (let i = m4; i < m; i++) block1x8(aPtr + <usize>i * ars, acs, panel0, k, cPtr + <usize>i * ldc + <usize>j0 * 4, alphaV, acc, cols, tmp);
    }
  }
}
