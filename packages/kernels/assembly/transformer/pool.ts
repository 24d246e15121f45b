// The readout's pooling over positions (f32). Reference: packages/core/src/transformer/reference/pool.ts.
//   forward  h (B·T × d) → r (B × d): mode 0 'last' r[b] = h[b·T + T−1]; mode 1 'mean' r[b] = (Σ_t h[b·T + t]) / T
//   backward dr (B × d) → dh (B·T × d), overwritten: 'last' dr[b] at row b·T + T−1, zeros elsewhere; 'mean' dr[b] / T
// The mean sums t = 0 … T−1 in order for each column (SIMD across columns): bit for bit with the reference.

export function poolForwardF32(hPtr: usize, rPtr: usize, batch: i32, seqLen: i32, d: i32, mode: i32): void {
  const rowBytes = <usize>d * 4;
  const d4 = d & ~3;
  const tV = f32x4.splat(<f32>seqLen);
  for (let b = 0; b < batch; b++) {
    const r = rPtr + <usize>b * rowBytes;
    const h = hPtr + <usize>b * <usize>seqLen * rowBytes;
    if (mode == 0) {
      memory.copy(r, h + <usize>(seqLen - 1) * rowBytes, rowBytes);
      continue;
    }
    memory.fill(r, 0, rowBytes);
    for (let t = 0; t < seqLen; t++) {
      const row = h + <usize>t * rowBytes;
      let j = 0;
      for (; j < d4; j += 4) v128.store(r + <usize>j * 4, f32x4.add(v128.load(r + <usize>j * 4), v128.load(row + <usize>j * 4)));
      for (; j < d; j++) store<f32>(r + <usize>j * 4, load<f32>(r + <usize>j * 4) + load<f32>(row + <usize>j * 4));
    }
    let j = 0;
    for (; j < d4; j += 4) v128.store(r + <usize>j * 4, f32x4.div(v128.load(r + <usize>j * 4), tV));
    for (; j < d; j++) store<f32>(r + <usize>j * 4, load<f32>(r + <usize>j * 4) / <f32>seqLen);
  }
}

export function poolBackwardF32(drPtr: usize, dhPtr: usize, batch: i32, seqLen: i32, d: i32, mode: i32): void {
  const rowBytes = <usize>d * 4;
  const d4 = d & ~3;
  const tV = f32x4.splat(<f32>seqLen);
  for (let b = 0; b < batch; b++) {
    const dr = drPtr + <usize>b * rowBytes;
    const dh = dhPtr + <usize>b * <usize>seqLen * rowBytes;
    if (mode == 0) {
      memory.fill(dh, 0, <usize>(seqLen - 1) * rowBytes);
      memory.copy(dh + <usize>(seqLen - 1) * rowBytes, dr, rowBytes);
      continue;
    }
    for (let t = 0; t < seqLen; t++) {
      const row = dh + <usize>t * rowBytes;
      let j = 0;
      for (; j < d4; j += 4) v128.store(row + <usize>j * 4, f32x4.div(v128.load(dr + <usize>j * 4), tV));
      for (; j < d; j++) store<f32>(row + <usize>j * 4, load<f32>(dr + <usize>j * 4) / <f32>seqLen);
    }
  }
}
