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
// Four rows per pass, a quarter of the matrix apart (rows r, r + q, r + 2q, r + 3q, q = ⌊rows/4⌋), two vectors per row
// and pass: four long read-modify-write streams. Four *adjacent* rows per pass (this kernel until now) reached 32–35
// GB/s for f32 and 38–39 for f64 at n = 4096; the streams a quarter apart 49–55 and 44–46 in the same window, the
// in-place update bandwidth of a plain one-stream loop (see matvec.ts for the same effect on reads). Every element's
// update is independent of the others, so the order changes no bit.
// @ts-ignore: decorator
@inline function signgdOuter<T>(wPtr: usize, gPtr: usize, xPtr: usize, rows: i32, cols: i32, lr: f64): void {
  const size = <usize>sizeof<T>();
  const lanes = 16 / <i32>sizeof<T>();
  const rowBytes = <usize>cols * size;
  const vecBytes = <usize>(cols - (cols % lanes)) * size;
  const pairBytes = vecBytes & ~(<usize>31); // the part done two vectors at a time
  const one = v128.splat<T>(1);
  const zero = v128.splat<T>(0);
  const eta = <T>lr;
  const q = rows >> 2;
  const streamBytes = <usize>q * rowBytes;
  const gStride = <usize>q * size;
  for (let r = 0; r < q; r++) {
    const w0 = wPtr + <usize>r * rowBytes;
    const gp = gPtr + <usize>r * size;
    const c0 = eta * signS<T>(load<T>(gp));
    const c1 = eta * signS<T>(load<T>(gp + gStride));
    const c2 = eta * signS<T>(load<T>(gp + 2 * gStride));
    const c3 = eta * signS<T>(load<T>(gp + 3 * gStride));
    const v0 = v128.splat<T>(c0), v1 = v128.splat<T>(c1), v2 = v128.splat<T>(c2), v3 = v128.splat<T>(c3);
    let off: usize = 0;
    for (; off < pairBytes; off += 32) {
      const sx = signV<T>(v128.load(xPtr + off), one, zero);
      const sy = signV<T>(v128.load(xPtr + off, 16), one, zero);
      let p = w0 + off;
      v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(v0, sx)));
      v128.store(p, v128.sub<T>(v128.load(p, 16), v128.mul<T>(v0, sy)), 16);
      p += streamBytes;
      v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(v1, sx)));
      v128.store(p, v128.sub<T>(v128.load(p, 16), v128.mul<T>(v1, sy)), 16);
      p += streamBytes;
      v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(v2, sx)));
      v128.store(p, v128.sub<T>(v128.load(p, 16), v128.mul<T>(v2, sy)), 16);
      p += streamBytes;
      v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(v3, sx)));
      v128.store(p, v128.sub<T>(v128.load(p, 16), v128.mul<T>(v3, sy)), 16);
    }
    for (; off < vecBytes; off += 16) {
      const sx = signV<T>(v128.load(xPtr + off), one, zero);
      let p = w0 + off;
      v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(v0, sx)));
      p += streamBytes;
      v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(v1, sx)));
      p += streamBytes;
      v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(v2, sx)));
      p += streamBytes;
      v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(v3, sx)));
    }
    for (; off < rowBytes; off += size) {
      const sx = signS<T>(load<T>(xPtr + off));
      const p = w0 + off;
      store<T>(p, load<T>(p) - c0 * sx);
      store<T>(p + streamBytes, load<T>(p + streamBytes) - c1 * sx);
      store<T>(p + 2 * streamBytes, load<T>(p + 2 * streamBytes) - c2 * sx);
      store<T>(p + 3 * streamBytes, load<T>(p + 3 * streamBytes) - c3 * sx);
    }
  }
  // Leftover rows (rows mod 4), one at a time.
  for (let r = q << 2; r < rows; r++) {
    const w0 = wPtr + <usize>r * rowBytes;
    const c0 = eta * signS<T>(load<T>(gPtr + <usize>r * size));
    const v0 = v128.splat<T>(c0);
    let off: usize = 0;
    for (; off < vecBytes; off += 16) {
      const sx = signV<T>(v128.load(xPtr + off), one, zero);
      v128.store(w0 + off, v128.sub<T>(v128.load(w0 + off), v128.mul<T>(v0, sx)));
    }
    for (; off < rowBytes; off += size) {
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
