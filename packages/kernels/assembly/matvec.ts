// Matrix–vector products over row-major W (rows × cols), generic over f32/f64 with v128 SIMD.
// Eight rows at a time: they share each load of x (y = W x) or each update of y (y = Wᵀ g). Both are memory-bound on W,
// and eight concurrent row streams keep more cache misses in flight than four (measured: benchmarks, suite matvec).
//
// Summation order (why results differ from the naive reference in the last bits, never more than rounding):
// - y = W x: row r's sum is split over SIMD lanes; lane l (of 4 for f32, 2 for f64) adds W[r,c]·x[c] for the columns
//   c ≡ l (mod lanes) in increasing c, then the lanes are added pairwise ((l0 + l1) + (l2 + l3)), then the leftover
//   columns (cols mod lanes) are added one by one. A row's order does not depend on how rows are blocked.
// - y = Wᵀ g: y[c] starts at 0 and, for each block of eight rows r…r+7, gets ((p0 + p1) + (p2 + p3)) + ((p4 + p5) +
//   (p6 + p7)) added, p_i = W[r+i,c]·g[r+i]; then the leftover rows (rows mod 8) are added one at a time, in order.

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
  const vecCols = cols - (cols % lanes);
  let r = 0;
  // Eight accumulators + x + one W vector fit the 16 SIMD registers of x86-64 (more would spill).
  for (; r + 8 <= rows; r += 8) {
    const w0 = wPtr + <usize>r * rowBytes;
    const w1 = w0 + rowBytes;
    const w2 = w1 + rowBytes;
    const w3 = w2 + rowBytes;
    const w4 = w3 + rowBytes;
    const w5 = w4 + rowBytes;
    const w6 = w5 + rowBytes;
    const w7 = w6 + rowBytes;
    let a0 = v128.splat<T>(0), a1 = v128.splat<T>(0), a2 = v128.splat<T>(0), a3 = v128.splat<T>(0);
    let a4 = v128.splat<T>(0), a5 = v128.splat<T>(0), a6 = v128.splat<T>(0), a7 = v128.splat<T>(0);
    let j = 0;
    for (; j < vecCols; j += lanes) {
      const off = <usize>j * size;
      const xv = v128.load(xPtr + off);
      a0 = v128.add<T>(a0, v128.mul<T>(v128.load(w0 + off), xv));
      a1 = v128.add<T>(a1, v128.mul<T>(v128.load(w1 + off), xv));
      a2 = v128.add<T>(a2, v128.mul<T>(v128.load(w2 + off), xv));
      a3 = v128.add<T>(a3, v128.mul<T>(v128.load(w3 + off), xv));
      a4 = v128.add<T>(a4, v128.mul<T>(v128.load(w4 + off), xv));
      a5 = v128.add<T>(a5, v128.mul<T>(v128.load(w5 + off), xv));
      a6 = v128.add<T>(a6, v128.mul<T>(v128.load(w6 + off), xv));
      a7 = v128.add<T>(a7, v128.mul<T>(v128.load(w7 + off), xv));
    }
    let y0 = hsum<T>(a0), y1 = hsum<T>(a1), y2 = hsum<T>(a2), y3 = hsum<T>(a3);
    let y4 = hsum<T>(a4), y5 = hsum<T>(a5), y6 = hsum<T>(a6), y7 = hsum<T>(a7);
    for (; j < cols; j++) {
      const off = <usize>j * size;
      const xs = load<T>(xPtr + off);
      y0 += load<T>(w0 + off) * xs;
      y1 += load<T>(w1 + off) * xs;
      y2 += load<T>(w2 + off) * xs;
      y3 += load<T>(w3 + off) * xs;
      y4 += load<T>(w4 + off) * xs;
      y5 += load<T>(w5 + off) * xs;
      y6 += load<T>(w6 + off) * xs;
      y7 += load<T>(w7 + off) * xs;
    }
    const yOff = yPtr + <usize>r * size;
    store<T>(yOff, y0);
    store<T>(yOff + size, y1);
    store<T>(yOff + 2 * size, y2);
    store<T>(yOff + 3 * size, y3);
    store<T>(yOff + 4 * size, y4);
    store<T>(yOff + 5 * size, y5);
    store<T>(yOff + 6 * size, y6);
    store<T>(yOff + 7 * size, y7);
  }
  // Leftover rows (rows mod 8), one at a time: the same per-row order as above.
  for (; r < rows; r++) {
    const w0 = wPtr + <usize>r * rowBytes;
    let a0 = v128.splat<T>(0);
    let j = 0;
    for (; j < vecCols; j += lanes) {
      const off = <usize>j * size;
      a0 = v128.add<T>(a0, v128.mul<T>(v128.load(w0 + off), v128.load(xPtr + off)));
    }
    let y0 = hsum<T>(a0);
    for (; j < cols; j++) {
      const off = <usize>j * size;
      y0 += load<T>(w0 + off) * load<T>(xPtr + off);
    }
    store<T>(yPtr + <usize>r * size, y0);
  }
}

// y (cols) ← Wᵀ (cols × rows) · g (rows), W (rows × cols) row-major: y accumulates four scaled rows per pass.
// @ts-ignore: decorator
@inline function matvecT<T>(wPtr: usize, gPtr: usize, yPtr: usize, rows: i32, cols: i32): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / <i32>sizeof<T>();
  const rowBytes = <usize>cols * size;
  const vecCols = cols - (cols % lanes);
  memory.fill(yPtr, 0, <usize>cols * size);
  let r = 0;
  // Eight row streams per pass over y (four were ~2× slower when other work competes for the memory bus).
  for (; r + 8 <= rows; r += 8) {
    const w0 = wPtr + <usize>r * rowBytes;
    const w1 = w0 + rowBytes;
    const w2 = w1 + rowBytes;
    const w3 = w2 + rowBytes;
    const w4 = w3 + rowBytes;
    const w5 = w4 + rowBytes;
    const w6 = w5 + rowBytes;
    const w7 = w6 + rowBytes;
    const gp = gPtr + <usize>r * size;
    const gs0 = load<T>(gp), gs1 = load<T>(gp + size), gs2 = load<T>(gp + 2 * size), gs3 = load<T>(gp + 3 * size);
    const gs4 = load<T>(gp + 4 * size), gs5 = load<T>(gp + 5 * size), gs6 = load<T>(gp + 6 * size), gs7 = load<T>(gp + 7 * size);
    const g0 = v128.splat<T>(gs0), g1 = v128.splat<T>(gs1), g2 = v128.splat<T>(gs2), g3 = v128.splat<T>(gs3);
    const g4 = v128.splat<T>(gs4), g5 = v128.splat<T>(gs5), g6 = v128.splat<T>(gs6), g7 = v128.splat<T>(gs7);
    let j = 0;
    for (; j < vecCols; j += lanes) {
      const off = <usize>j * size;
      const p01 = v128.add<T>(v128.mul<T>(v128.load(w0 + off), g0), v128.mul<T>(v128.load(w1 + off), g1));
      const p23 = v128.add<T>(v128.mul<T>(v128.load(w2 + off), g2), v128.mul<T>(v128.load(w3 + off), g3));
      const p45 = v128.add<T>(v128.mul<T>(v128.load(w4 + off), g4), v128.mul<T>(v128.load(w5 + off), g5));
      const p67 = v128.add<T>(v128.mul<T>(v128.load(w6 + off), g6), v128.mul<T>(v128.load(w7 + off), g7));
      const sum = v128.add<T>(v128.add<T>(p01, p23), v128.add<T>(p45, p67));
      v128.store(yPtr + off, v128.add<T>(v128.load(yPtr + off), sum));
    }
    for (; j < cols; j++) {
      const off = <usize>j * size;
      const p01 = load<T>(w0 + off) * gs0 + load<T>(w1 + off) * gs1;
      const p23 = load<T>(w2 + off) * gs2 + load<T>(w3 + off) * gs3;
      const p45 = load<T>(w4 + off) * gs4 + load<T>(w5 + off) * gs5;
      const p67 = load<T>(w6 + off) * gs6 + load<T>(w7 + off) * gs7;
      store<T>(yPtr + off, load<T>(yPtr + off) + ((p01 + p23) + (p45 + p67)));
    }
  }
  // Leftover rows (rows mod 8), one at a time.
  for (; r < rows; r++) {
    const w0 = wPtr + <usize>r * rowBytes;
    const gs0 = load<T>(gPtr + <usize>r * size);
    const g0 = v128.splat<T>(gs0);
    let j = 0;
    for (; j < vecCols; j += lanes) {
      const off = <usize>j * size;
      v128.store(yPtr + off, v128.add<T>(v128.load(yPtr + off), v128.mul<T>(v128.load(w0 + off), g0)));
    }
    for (; j < cols; j++) {
      const off = <usize>j * size;
      store<T>(yPtr + off, load<T>(yPtr + off) + load<T>(w0 + off) * gs0);
    }
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
