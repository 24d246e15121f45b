// LayerNorm over the last axis (f32), forward and backward; the plain-TS reference is
// packages/core/src/transformer/reference/layernorm.ts. Row sums run over j = 0 … d−1 in order in scalar f32 (so the
// reference reproduces them bit for bit); the per-element parts are SIMD, lane-wise, with the same one rounding per
// operation. Shapes: x, y, dy, dx (rows × d); g, b, dg, db (d); mean, rstd (rows).

/** y = (x − mean)·rstd·g + b per row; mean and rstd = 1/√(var + eps) stored for the backward pass. */
export function layerNormForwardF32(
  xPtr: usize, gPtr: usize, bPtr: usize, yPtr: usize, meanPtr: usize, rstdPtr: usize, rows: i32, d: i32, eps: f32,
): void {
  const inv: f32 = <f32>1 / <f32>d;
  const d4 = d & ~3;
  const rowBytes = <usize>d * 4;
  for (let r = 0; r < rows; r++) {
    const x = xPtr + <usize>r * rowBytes;
    const y = yPtr + <usize>r * rowBytes;
    let s: f32 = 0;
    for (let j = 0; j < d; j++) s += load<f32>(x + <usize>j * 4);
    const m = s * inv;
    let sq: f32 = 0;
    for (let j = 0; j < d; j++) {
      const c = load<f32>(x + <usize>j * 4) - m;
      sq += c * c;
    }
    const rs = <f32>1 / Mathf.sqrt(sq * inv + eps);
    const mV = f32x4.splat(m), rsV = f32x4.splat(rs);
    let j = 0;
    for (; j < d4; j += 4) {
      const o = <usize>j * 4;
      const xh = f32x4.mul(f32x4.sub(v128.load(x + o), mV), rsV);
      v128.store(y + o, f32x4.add(f32x4.mul(xh, v128.load(gPtr + o)), v128.load(bPtr + o)));
    }
    for (; j < d; j++) {
      const o = <usize>j * 4;
      store<f32>(y + o, ((load<f32>(x + o) - m) * rs) * load<f32>(gPtr + o) + load<f32>(bPtr + o));
    }
    store<f32>(meanPtr + <usize>r * 4, m);
    store<f32>(rstdPtr + <usize>r * 4, rs);
  }
}

/**
 * dx += rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) with dx̂ = dy·g, x̂ = (x − mean)·rstd; dg += Σ_rows dy·x̂; db += Σ_rows dy.
 * Accumulates into dx (the residual stream's gradient), dg and db.
 */
export function layerNormBackwardF32(
  dyPtr: usize, xPtr: usize, gPtr: usize, meanPtr: usize, rstdPtr: usize, dxPtr: usize, dgPtr: usize, dbPtr: usize, rows: i32, d: i32,
): void {
  const inv: f32 = <f32>1 / <f32>d;
  const d4 = d & ~3;
  const rowBytes = <usize>d * 4;
  for (let r = 0; r < rows; r++) {
    const x = xPtr + <usize>r * rowBytes;
    const dy = dyPtr + <usize>r * rowBytes;
    const dx = dxPtr + <usize>r * rowBytes;
    const m = load<f32>(meanPtr + <usize>r * 4);
    const rs = load<f32>(rstdPtr + <usize>r * 4);
    let s1: f32 = 0, s2: f32 = 0;
    for (let j = 0; j < d; j++) {
      const o = <usize>j * 4;
      const xhat = (load<f32>(x + o) - m) * rs;
      const dxhat = load<f32>(dy + o) * load<f32>(gPtr + o);
      s1 += dxhat;
      s2 += dxhat * xhat;
    }
    const m1 = s1 * inv, m2 = s2 * inv;
    const mV = f32x4.splat(m), rsV = f32x4.splat(rs), m1V = f32x4.splat(m1), m2V = f32x4.splat(m2);
    let j = 0;
    for (; j < d4; j += 4) {
      const o = <usize>j * 4;
      const xhat = f32x4.mul(f32x4.sub(v128.load(x + o), mV), rsV);
      const dyv = v128.load(dy + o);
      const dxhat = f32x4.mul(dyv, v128.load(gPtr + o));
      const t = f32x4.mul(rsV, f32x4.sub(f32x4.sub(dxhat, m1V), f32x4.mul(xhat, m2V)));
      v128.store(dx + o, f32x4.add(v128.load(dx + o), t));
      v128.store(dgPtr + o, f32x4.add(v128.load(dgPtr + o), f32x4.mul(dyv, xhat)));
      v128.store(dbPtr + o, f32x4.add(v128.load(dbPtr + o), dyv));
    }
    for (; j < d; j++) {
      const o = <usize>j * 4;
      const xhat = (load<f32>(x + o) - m) * rs;
      const dyv = load<f32>(dy + o);
      const dxhat = dyv * load<f32>(gPtr + o);
      store<f32>(dx + o, load<f32>(dx + o) + rs * ((dxhat - m1) - xhat * m2));
      store<f32>(dgPtr + o, load<f32>(dgPtr + o) + dyv * xhat);
      store<f32>(dbPtr + o, load<f32>(dbPtr + o) + dyv);
    }
  }
}
