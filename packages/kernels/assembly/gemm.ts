// Blocked f32 matrix product C (m × n) ← alpha·op(A)·op(B) (+ C), the hot kernel of MLP training.
// op(A) is (m × k): A row-major (m × k), or transA: A stored (k × m). op(B) is (k × n): B row-major (k × n), or
// transB: B stored (n × k). All three products of a dense layer are one call each:
//   forward   Z  = X Wᵀ   (transB),   backward  dX = dZ W,   weights  dW = dZᵀ X (transA).
//
// Scheme: copy a panel of 8 columns of op(B) into `pack` (k × 8, contiguous: one 32-byte read per k), then sweep
// 4-row blocks of op(A) over it, keeping the 4 × 8 block of C in eight v128 accumulators. Every element of C is
// summed over k in order 0 … k−1 with one f32 rounding per multiply and per add (no FMA in wasm SIMD), so a scalar
// loop with Math.fround after each operation reproduces it bit for bit (see src/reference/gemm.ts).

const NR: i32 = 8;

// pack (k × 8) ← columns j0 … j0+cols−1 of op(B), zero-padded to 8.
// @ts-ignore: decorator
@inline function packPanel(bPtr: usize, pack: usize, j0: i32, cols: i32, n: i32, k: i32, transB: bool): void {
  if (cols < NR) memory.fill(pack, 0, <usize>k * <usize>NR * 4);
  if (transB) {
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

/**
 * C (m × n) ← alpha·op(A)·op(B), plus the old C when `accumulate` ≠ 0.
 * pack: caller-owned scratch of (k + 4)·8 f32, 16-byte aligned (a packed panel plus room for an edge row).
 */
export function gemmF32(
  aPtr: usize, bPtr: usize, cPtr: usize, m: i32, n: i32, k: i32,
  transA: i32, transB: i32, alpha: f32, accumulate: i32, pack: usize,
): void {
  // Byte strides of op(A): element (i, kk) at aPtr + i·ars + kk·acs.
  const ars: usize = transA ? 4 : <usize>k * 4;
  const acs: usize = transA ? <usize>m * 4 : 4;
  const ldc = <usize>n * 4;
  const acc = accumulate != 0;
  const alphaV = f32x4.splat(alpha);
  const tmp = pack + <usize>k * 32;
  for (let j0 = 0; j0 < n; j0 += NR) {
    const cols = min(NR, n - j0);
    packPanel(bPtr, pack, j0, cols, n, k, transB != 0);
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      // One pointer into A plus constant row offsets, and an end pointer for the loop: fewer live integers.
      let a0 = aPtr + <usize>i * ars;
      const r1 = ars, r2 = ars * 2, r3 = ars * 3;
      let p = pack;
      const end = pack + <usize>k * 32;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
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
        a0 += acs;
      }
      const c = cPtr + <usize>i * ldc + <usize>j0 * 4;
      storeRow(c, c00, c01, alphaV, acc, cols, tmp);
      storeRow(c + ldc, c10, c11, alphaV, acc, cols, tmp);
      storeRow(c + 2 * ldc, c20, c21, alphaV, acc, cols, tmp);
      storeRow(c + 3 * ldc, c30, c31, alphaV, acc, cols, tmp);
    }
    for (; i < m; i++) {
      let a0 = aPtr + <usize>i * ars;
      let p = pack;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      for (let kk = 0; kk < k; kk++) {
        const x0 = v128.load32_splat(a0);
        c00 = f32x4.add(c00, f32x4.mul(x0, v128.load(p)));
        c01 = f32x4.add(c01, f32x4.mul(x0, v128.load(p, 16)));
        p += 32;
        a0 += acs;
      }
      storeRow(cPtr + <usize>i * ldc + <usize>j0 * 4, c00, c01, alphaV, acc, cols, tmp);
    }
  }
}
