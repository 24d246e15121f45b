// Memory-bandwidth probes: the hardware limits the benchmarks compare kernels against.

/** Sum of n f64 (n a multiple of 8 is fastest): reads every byte once, four independent accumulators. */
export function sumF64(ptr: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let j = 0;
  const vecN = n - (n % 8);
  for (; j < vecN; j += 8) {
    const p = ptr + (<usize>j << 3);
    a0 = f64x2.add(a0, v128.load(p));
    a1 = f64x2.add(a1, v128.load(p, 16));
    a2 = f64x2.add(a2, v128.load(p, 32));
    a3 = f64x2.add(a3, v128.load(p, 48));
  }
  const v = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let s = f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
  for (; j < n; j++) s += load<f64>(ptr + (<usize>j << 3));
  return s;
}

/** dst ← src, `bytes` bytes (bulk-memory copy). */
export function copyBytes(dst: usize, src: usize, bytes: usize): void {
  memory.copy(dst, src, bytes);
}

/** p (n f64) ← p·c in place: a read-modify-write bandwidth probe (no write-allocate traffic, like SignGD's update). */
export function scaleF64(ptr: usize, n: i32, c: f64): void {
  const cv = f64x2.splat(c);
  let j = 0;
  const vecN = n - (n % 8);
  for (; j < vecN; j += 8) {
    const p = ptr + (<usize>j << 3);
    v128.store(p, f64x2.mul(v128.load(p), cv));
    v128.store(p, f64x2.mul(v128.load(p, 16), cv), 16);
    v128.store(p, f64x2.mul(v128.load(p, 32), cv), 32);
    v128.store(p, f64x2.mul(v128.load(p, 48), cv), 48);
  }
  for (; j < n; j++) {
    const p = ptr + (<usize>j << 3);
    store<f64>(p, load<f64>(p) * c);
  }
}

/**
 * Peak f32 arithmetic in WebAssembly SIMD: 12 independent chains a ← a·s + t (f32x4 mul then add: wasm SIMD has no
 * fused multiply–add), enough to hide the latency on every FP pipe. 12 · 4 · 2 flops per iteration; a → 2, never
 * subnormal. Returns a lane so nothing is dead code. This is the ceiling of any f32 kernel here (the GEMM's inner loop
 * is the same mul + add pair per lane, plus loads).
 */
export function peakF32x4(iterations: i32): f32 {
  const s = f32x4.splat(0.5), t = f32x4.splat(1);
  let a0 = f32x4.splat(0), a1 = f32x4.splat(1), a2 = f32x4.splat(2), a3 = f32x4.splat(3);
  let a4 = f32x4.splat(4), a5 = f32x4.splat(5), a6 = f32x4.splat(6), a7 = f32x4.splat(7);
  let a8 = f32x4.splat(8), a9 = f32x4.splat(9), a10 = f32x4.splat(10), a11 = f32x4.splat(11);
  for (let k = 0; k < iterations; k++) {
    a0 = f32x4.add(f32x4.mul(a0, s), t);
    a1 = f32x4.add(f32x4.mul(a1, s), t);
    a2 = f32x4.add(f32x4.mul(a2, s), t);
    a3 = f32x4.add(f32x4.mul(a3, s), t);
    a4 = f32x4.add(f32x4.mul(a4, s), t);
    a5 = f32x4.add(f32x4.mul(a5, s), t);
    a6 = f32x4.add(f32x4.mul(a6, s), t);
    a7 = f32x4.add(f32x4.mul(a7, s), t);
    a8 = f32x4.add(f32x4.mul(a8, s), t);
    a9 = f32x4.add(f32x4.mul(a9, s), t);
    a10 = f32x4.add(f32x4.mul(a10, s), t);
    a11 = f32x4.add(f32x4.mul(a11, s), t);
  }
  const sum = f32x4.add(
    f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7))),
    f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11)),
  );
  return f32x4.extract_lane(sum, 0);
}
