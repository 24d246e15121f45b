// Matrix–vector products over row-major W (rows × cols), generic over f32/f64 with v128 SIMD.
// Four rows share each load of x (y = W x) or each update of y (y = Wᵀ g): both stay memory-bound on W.

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
  for (; r + 4 <= rows; r += 4) {
    const w0 = wPtr + <usize>r * rowBytes;
    const w1 = w0 + rowBytes;
    const w2 = w1 + rowBytes;
    const w3 = w2 + rowBytes;
    let a0 = v128.splat<T>(0), a1 = v128.splat<T>(0), a2 = v128.splat<T>(0), a3 = v128.splat<T>(0);
    let j = 0;
    for (; j < vecCols; j += lanes) {
      const off = <usize>j * size;
      const xv = v128.load(xPtr + off);
      a0 = v128.add<T>(a0, v128.mul<T>(v128.load(w0 + off), xv));
      a1 = v128.add<T>(a1, v128.mul<T>(v128.load(w1 + off), xv));
      a2 = v128.add<T>(a2, v128.mul<T>(v128.load(w2 + off), xv));
      a3 = v128.add<T>(a3, v128.mul<T>(v128.load(w3 + off), xv));
    }
    let y0 = hsum<T>(a0), y1 = hsum<T>(a1), y2 = hsum<T>(a2), y3 = hsum<T>(a3);
    for (; j < cols; j++) {
      const off = <usize>j * size;
      const xs = load<T>(xPtr + off);
      y0 += load<T>(w0 + off) * xs;
      y1 += load<T>(w1 + off) * xs;
      y2 += load<T>(w2 + off) * xs;
      y3 += load<T>(w3 + off) * xs;
    }
    const yOff = yPtr + <usize>r * size;
    store<T>(yOff, y0);
    store<T>(yOff + size, y1);
    store<T>(yOff + 2 * size, y2);
    store<T>(yOff + 3 * size, y3);
  }
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
  for (; r + 4 <= rows; r += 4) {
    const w0 = wPtr + <usize>r * rowBytes;
    const w1 = w0 + rowBytes;
    const w2 = w1 + rowBytes;
    const w3 = w2 + rowBytes;
    const gs0 = load<T>(gPtr + <usize>r * size);
    const gs1 = load<T>(gPtr + <usize>(r + 1) * size);
    const gs2 = load<T>(gPtr + <usize>(r + 2) * size);
    const gs3 = load<T>(gPtr + <usize>(r + 3) * size);
    const g0 = v128.splat<T>(gs0), g1 = v128.splat<T>(gs1), g2 = v128.splat<T>(gs2), g3 = v128.splat<T>(gs3);
    let j = 0;
    for (; j < vecCols; j += lanes) {
      const off = <usize>j * size;
      const p01 = v128.add<T>(v128.mul<T>(v128.load(w0 + off), g0), v128.mul<T>(v128.load(w1 + off), g1));
      const p23 = v128.add<T>(v128.mul<T>(v128.load(w2 + off), g2), v128.mul<T>(v128.load(w3 + off), g3));
      v128.store(yPtr + off, v128.add<T>(v128.load(yPtr + off), v128.add<T>(p01, p23)));
    }
    for (; j < cols; j++) {
      const off = <usize>j * size;
      const p01 = load<T>(w0 + off) * gs0 + load<T>(w1 + off) * gs1;
      const p23 = load<T>(w2 + off) * gs2 + load<T>(w3 + off) * gs3;
      store<T>(yPtr + off, load<T>(yPtr + off) + (p01 + p23));
    }
  }
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
