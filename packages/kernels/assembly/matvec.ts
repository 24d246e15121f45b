// Matrix–vector products over row-major W (rows × cols), generic over f32/f64 with v128 SIMD.
//
// Four rows at a time, and the four are a quarter of the matrix apart (rows r, r + q, r + 2q, r + 3q, q = ⌊rows/4⌋),
// so each of the four memory streams runs contiguously through a quarter of W. Both products are bound by reading W,
// and the access pattern decides how close one core gets to DRAM bandwidth: at n = 4096 eight *adjacent* rows per
// block (this kernel until now, one 16–32 KiB row per stream before the streams jump) read W at 21–23 GB/s, four
// streams a quarter apart at 30–40 GB/s in the same window, about what a plain one-stream read reaches. Four streams
// also keep V8's register allocation spill-free (four accumulators + x + a temporary; eight spilled one accumulator
// to the stack). Measured with benchmarks' matvec suite (`npm run bench -- --suite matvec --sizes 4096`).
//
// Summation order (src/reference/matvec.ts has the exact twins, `matvecKernelOrder` and `matvecTransposedKernelOrder`):
// - y = W x: row r's sum is split over SIMD lanes; lane l (of 4 for f32, 2 for f64) adds W[r,c]·x[c] for the columns
//   c ≡ l (mod lanes) below cols − (cols mod lanes), in increasing c, starting from 0; then the lanes are added
//   pairwise ((l0 + l1) + (l2 + l3)), then the leftover columns are added one by one. A row's order does not depend on
//   which rows share a pass, so any split of the rows (the two-thread path splits them) gives the same bits.
// - y = Wᵀ g: y[c] starts at 0; for r = 0 … q − 1 it gets (p(r) + p(r + q)) + (p(r + 2q) + p(r + 3q)) added,
//   p(i) = W[i,c]·g[i], q = ⌊rows/4⌋; then the leftover rows 4q … rows − 1 are added one at a time, in order.

// @ts-ignore: decorator
@inline const STREAMS = 4;

// @ts-ignore: decorator
@inline function hsum<T>(v: v128): T {
  if (sizeof<T>() == 4) {
    return <T>(
      (v128.extract_lane<f32>(v, 0) + v128.extract_lane<f32>(v, 1)) +
      (v128.extract_lane<f32>(v, 2) + v128.extract_lane<f32>(v, 3))
    );
  }
  return <T>(v128.extract_lane<f64>(v, 0) + v128.extract_lane<f64>(v, 1));
}

// y (rows) ← W (rows × cols) · x (cols)
// @ts-ignore: decorator
@inline function matvec<T>(wPtr: usize, xPtr: usize, yPtr: usize, rows: i32, cols: i32): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / <i32>sizeof<T>();
  const rowBytes = <usize>cols * size;
  const vecBytes = <usize>(cols - (cols % lanes)) * size;
  const q = rows / STREAMS;
  const streamBytes = <usize>q * rowBytes; // from one stream's row to the next stream's
  const yStride = <usize>q * size;
  for (let r = 0; r < q; r++) {
    const w0 = wPtr + <usize>r * rowBytes;
    let a0 = v128.splat<T>(0), a1 = v128.splat<T>(0), a2 = v128.splat<T>(0), a3 = v128.splat<T>(0);
    let off: usize = 0;
    for (; off < vecBytes; off += 16) {
      const xv = v128.load(xPtr + off);
      let p = w0 + off;
      a0 = v128.add<T>(a0, v128.mul<T>(v128.load(p), xv));
      p += streamBytes;
      a1 = v128.add<T>(a1, v128.mul<T>(v128.load(p), xv));
      p += streamBytes;
      a2 = v128.add<T>(a2, v128.mul<T>(v128.load(p), xv));
      p += streamBytes;
      a3 = v128.add<T>(a3, v128.mul<T>(v128.load(p), xv));
    }
    let y0 = hsum<T>(a0), y1 = hsum<T>(a1), y2 = hsum<T>(a2), y3 = hsum<T>(a3);
    for (; off < rowBytes; off += size) {
      const xs = load<T>(xPtr + off);
      const p = w0 + off;
      y0 += load<T>(p) * xs;
      y1 += load<T>(p + streamBytes) * xs;
      y2 += load<T>(p + 2 * streamBytes) * xs;
      y3 += load<T>(p + 3 * streamBytes) * xs;
    }
    const yOff = yPtr + <usize>r * size;
    store<T>(yOff, y0);
    store<T>(yOff + yStride, y1);
    store<T>(yOff + 2 * yStride, y2);
    store<T>(yOff + 3 * yStride, y3);
  }
  // Leftover rows (rows mod 4), one at a time: the same per-row order as above.
  for (let r = STREAMS * q; r < rows; r++) {
    const w0 = wPtr + <usize>r * rowBytes;
    let a0 = v128.splat<T>(0);
    let off: usize = 0;
    for (; off < vecBytes; off += 16) a0 = v128.add<T>(a0, v128.mul<T>(v128.load(w0 + off), v128.load(xPtr + off)));
    let y0 = hsum<T>(a0);
    for (; off < rowBytes; off += size) y0 += load<T>(w0 + off) * load<T>(xPtr + off);
    store<T>(yPtr + <usize>r * size, y0);
  }
}

// y (cols) ← Wᵀ (cols × rows) · g (rows), W (rows × cols) row-major: y (in L1) accumulates four scaled rows per pass.
// @ts-ignore: decorator
@inline function matvecT<T>(wPtr: usize, gPtr: usize, yPtr: usize, rows: i32, cols: i32): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / <i32>sizeof<T>();
  const rowBytes = <usize>cols * size;
  const vecBytes = <usize>(cols - (cols % lanes)) * size;
  const q = rows / STREAMS;
  const streamBytes = <usize>q * rowBytes;
  const gStride = <usize>q * size;
  memory.fill(yPtr, 0, rowBytes);
  for (let r = 0; r < q; r++) {
    const w0 = wPtr + <usize>r * rowBytes;
    const gp = gPtr + <usize>r * size;
    const gs0 = load<T>(gp), gs1 = load<T>(gp + gStride), gs2 = load<T>(gp + 2 * gStride), gs3 = load<T>(gp + 3 * gStride);
    const g0 = v128.splat<T>(gs0), g1 = v128.splat<T>(gs1), g2 = v128.splat<T>(gs2), g3 = v128.splat<T>(gs3);
    let off: usize = 0;
    for (; off < vecBytes; off += 16) {
      let p = w0 + off;
      const p0 = v128.mul<T>(v128.load(p), g0);
      p += streamBytes;
      const p1 = v128.mul<T>(v128.load(p), g1);
      p += streamBytes;
      const p2 = v128.mul<T>(v128.load(p), g2);
      p += streamBytes;
      const p3 = v128.mul<T>(v128.load(p), g3);
      const yp = yPtr + off;
      v128.store(yp, v128.add<T>(v128.load(yp), v128.add<T>(v128.add<T>(p0, p1), v128.add<T>(p2, p3))));
    }
    for (; off < rowBytes; off += size) {
      const p = w0 + off;
      const p01 = load<T>(p) * gs0 + load<T>(p + streamBytes) * gs1;
      const p23 = load<T>(p + 2 * streamBytes) * gs2 + load<T>(p + 3 * streamBytes) * gs3;
      store<T>(yPtr + off, load<T>(yPtr + off) + (p01 + p23));
    }
  }
  // Leftover rows (rows mod 4), one at a time.
  for (let r = STREAMS * q; r < rows; r++) {
    const w0 = wPtr + <usize>r * rowBytes;
    const gs0 = load<T>(gPtr + <usize>r * size);
    const g0 = v128.splat<T>(gs0);
    let off: usize = 0;
    for (; off < vecBytes; off += 16) {
      v128.store(yPtr + off, v128.add<T>(v128.load(yPtr + off), v128.mul<T>(v128.load(w0 + off), g0)));
    }
    for (; off < rowBytes; off += size) store<T>(yPtr + off, load<T>(yPtr + off) + load<T>(w0 + off) * gs0);
  }
}

export function matvecF32(wPtr: usize, xPtr: usize, yPtr: usize, rows: i32, cols: i32): void {
  matvec<f32>(wPtr, xPtr, yPtr, rows, cols);
}
export function matvecF64(wPtr: usize, xPtr: usize, yPtr: usize, rows: i32, cols: i32): void {
  matvec<f64>(wPtr, xPtr, yPtr, rows, cols);
}
export function matvecTransposedF32(wPtr: usize, gPtr: usize, yPtr: usize, rows: i32, cols: i32): void {
  matvecT<f32>(wPtr, gPtr, yPtr, rows, cols);
}
export function matvecTransposedF64(wPtr: usize, gPtr: usize, yPtr: usize, rows: i32, cols: i32): void {
  matvecT<f64>(wPtr, gPtr, yPtr, rows, cols);
}
