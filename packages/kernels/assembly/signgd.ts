// SignGD updates in place, generic over f32/f64 with v128 SIMD.
// sign(v) is +1, −1 or 0 (0 for ±0 and NaN), built from two lane compares so no branch sits in the loop.

// @ts-ignore: decorator
@inline function signV<T>(v: v128, one: v128, zero: v128): v128 {
  return v128.sub<T>(v128.and(v128.gt<T>(v, zero), one), v128.and(v128.lt<T>(v, zero), one));
}

// @ts-ignore: decorator
@inline function signS<T>(v: T): T {
  return v > 0 ? <T>1 : v < 0 ? <T>-1 : <T>0;
}

// W (rows × cols) ← W − lr · sign(g xᵀ); sign(g_r x_c) = sign(g_r)·sign(x_c), so a row's step is a scaled sign(x).
// @ts-ignore: decorator
@inline function signgdOuter<T>(wPtr: usize, gPtr: usize, xPtr: usize, rows: i32, cols: i32, lr: f64): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / <i32>sizeof<T>();
  const rowBytes = <usize>cols * size;
  const vecCols = cols - (cols % lanes);
  const one = v128.splat<T>(1);
  const zero = v128.splat<T>(0);
  const eta = <T>lr;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const w0 = wPtr + <usize>r * rowBytes;
    const w1 = w0 + rowBytes;
    const w2 = w1 + rowBytes;
    const w3 = w2 + rowBytes;
    const c0 = eta * signS<T>(load<T>(gPtr + <usize>r * size));
    const c1 = eta * signS<T>(load<T>(gPtr + <usize>(r + 1) * size));
    const c2 = eta * signS<T>(load<T>(gPtr + <usize>(r + 2) * size));
    const c3 = eta * signS<T>(load<T>(gPtr + <usize>(r + 3) * size));
    const v0 = v128.splat<T>(c0), v1 = v128.splat<T>(c1), v2 = v128.splat<T>(c2), v3 = v128.splat<T>(c3);
    let j = 0;
    for (; j < vecCols; j += lanes) {
      const off = <usize>j * size;
      const sx = signV<T>(v128.load(xPtr + off), one, zero);
      v128.store(w0 + off, v128.sub<T>(v128.load(w0 + off), v128.mul<T>(v0, sx)));
      v128.store(w1 + off, v128.sub<T>(v128.load(w1 + off), v128.mul<T>(v1, sx)));
      v128.store(w2 + off, v128.sub<T>(v128.load(w2 + off), v128.mul<T>(v2, sx)));
      v128.store(w3 + off, v128.sub<T>(v128.load(w3 + off), v128.mul<T>(v3, sx)));
    }
    for (; j < cols; j++) {
      const off = <usize>j * size;
      const sx = signS<T>(load<T>(xPtr + off));
      store<T>(w0 + off, load<T>(w0 + off) - c0 * sx);
      store<T>(w1 + off, load<T>(w1 + off) - c1 * sx);
      store<T>(w2 + off, load<T>(w2 + off) - c2 * sx);
      store<T>(w3 + off, load<T>(w3 + off) - c3 * sx);
    }
  }
  for (; r < rows; r++) {
    const w0 = wPtr + <usize>r * rowBytes;
    const c0 = eta * signS<T>(load<T>(gPtr + <usize>r * size));
    const v0 = v128.splat<T>(c0);
    let j = 0;
    for (; j < vecCols; j += lanes) {
      const off = <usize>j * size;
      const sx = signV<T>(v128.load(xPtr + off), one, zero);
      v128.store(w0 + off, v128.sub<T>(v128.load(w0 + off), v128.mul<T>(v0, sx)));
    }
    for (; j < cols; j++) {
      const off = <usize>j * size;
      store<T>(w0 + off, load<T>(w0 + off) - c0 * signS<T>(load<T>(xPtr + off)));
    }
  }
}

// W (n) ← W − lr · sign(G), elementwise.
// @ts-ignore: decorator
@inline function signgd<T>(wPtr: usize, gPtr: usize, n: i32, lr: f64): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / <i32>sizeof<T>();
  const vecN = n - (n % lanes);
  const one = v128.splat<T>(1);
  const zero = v128.splat<T>(0);
  const eta = <T>lr;
  const etaV = v128.splat<T>(eta);
  let j = 0;
  for (; j < vecN; j += lanes) {
    const off = <usize>j * size;
    const s = signV<T>(v128.load(gPtr + off), one, zero);
    v128.store(wPtr + off, v128.sub<T>(v128.load(wPtr + off), v128.mul<T>(etaV, s)));
  }
  for (; j < n; j++) {
    const off = <usize>j * size;
    store<T>(wPtr + off, load<T>(wPtr + off) - eta * signS<T>(load<T>(gPtr + off)));
  }
}

export function signgdOuterF32(wPtr: usize, gPtr: usize, xPtr: usize, rows: i32, cols: i32, lr: f64): void {
  signgdOuter<f32>(wPtr, gPtr, xPtr, rows, cols, lr);
}
export function signgdOuterF64(wPtr: usize, gPtr: usize, xPtr: usize, rows: i32, cols: i32, lr: f64): void {
  signgdOuter<f64>(wPtr, gPtr, xPtr, rows, cols, lr);
}
export function signgdF32(wPtr: usize, gPtr: usize, n: i32, lr: f64): void {
  signgd<f32>(wPtr, gPtr, n, lr);
}
export function signgdF64(wPtr: usize, gPtr: usize, n: i32, lr: f64): void {
  signgd<f64>(wPtr, gPtr, n, lr);
}
