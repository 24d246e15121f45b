// Token and positional embeddings (f32). Reference: packages/core/src/transformer/reference/embedding.ts.
//   forward:  x (B·T × d), row b·T + t ← α·E[tokens[b·stride + t]] + P[t]       (E vocab × d, P seqLen × d)
//   backward: dE[token] += α·dx[row], dP[t] += dx[row], rows in order (scatter-add)
// Elementwise SIMD, lane-wise, one rounding per operation: bit for bit with the reference.

/** x ← α·E[token] + P[t]. */
export function embeddingForwardF32(
  tokPtr: usize, stride: i32, ePtr: usize, alpha: f32, pPtr: usize, xPtr: usize, batch: i32, seqLen: i32, d: i32,
): void {
  const aV = f32x4.splat(alpha);
  const d4 = d & ~3;
  const rowBytes = <usize>d * 4;
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < seqLen; t++) {
      const e = ePtr + <usize>load<i32>(tokPtr + <usize>(b * stride + t) * 4) * rowBytes;
      const p = pPtr + <usize>t * rowBytes;
      const x = xPtr + <usize>(b * seqLen + t) * rowBytes;
      let j = 0;
      for (; j < d4; j += 4) {
        const o = <usize>j * 4;
        v128.store(x + o, f32x4.add(f32x4.mul(aV, v128.load(e + o)), v128.load(p + o)));
      }
      for (; j < d; j++) {
        const o = <usize>j * 4;
        store<f32>(x + o, alpha * load<f32>(e + o) + load<f32>(p + o));
      }
    }
  }
}

/** dE[token] += α·dx[row]; dP[t] += dx[row]. */
export function embeddingBackwardF32(
  tokPtr: usize, stride: i32, dxPtr: usize, alpha: f32, dePtr: usize, dpPtr: usize, batch: i32, seqLen: i32, d: i32,
): void {
  const aV = f32x4.splat(alpha);
  const d4 = d & ~3;
  const rowBytes = <usize>d * 4;
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < seqLen; t++) {
      const e = dePtr + <usize>load<i32>(tokPtr + <usize>(b * stride + t) * 4) * rowBytes;
      const p = dpPtr + <usize>t * rowBytes;
      const x = dxPtr + <usize>(b * seqLen + t) * rowBytes;
      let j = 0;
      for (; j < d4; j += 4) {
        const o = <usize>j * 4;
        const g = v128.load(x + o);
        v128.store(e + o, f32x4.add(v128.load(e + o), f32x4.mul(aV, g)));
        v128.store(p + o, f32x4.add(v128.load(p + o), g));
      }
      for (; j < d; j++) {
        const o = <usize>j * 4;
        const g = load<f32>(x + o);
        store<f32>(e + o, load<f32>(e + o) + alpha * g);
        store<f32>(p + o, load<f32>(p + o) + g);
      }
    }
  }
}

/** y (n) ← y + x (residual adds, positional embedding of patches), SIMD. */
export function addF32(yPtr: usize, xPtr: usize, n: i32): void {
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i * 4;
    v128.store(yPtr + o, f32x4.add(v128.load(yPtr + o), v128.load(xPtr + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    store<f32>(yPtr + o, load<f32>(yPtr + o) + load<f32>(xPtr + o));
  }
}

/** x (B·T × d) += P (T × d) for every sequence. */
export function addPositionalF32(xPtr: usize, pPtr: usize, batch: i32, seqLen: i32, d: i32): void {
  const n = seqLen * d;
  for (let b = 0; b < batch; b++) addF32(xPtr + <usize>b * <usize>n * 4, pPtr, n);
}

/** dP (T × d) += Σ_b dx[b] (b in order). */
export function positionalBackwardF32(dxPtr: usize, dpPtr: usize, batch: i32, seqLen: i32, d: i32): void {
  const n = seqLen * d;
  for (let b = 0; b < batch; b++) addF32(dpPtr, dxPtr + <usize>b * <usize>n * 4, n);
}
