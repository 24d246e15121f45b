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
