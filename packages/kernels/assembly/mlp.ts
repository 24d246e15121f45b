// Elementwise and reduction pieces of an MLP's forward and backward pass (the matrix products are in gemm.ts).
// f32 throughout; every value is rounded once per operation, so src/reference/mlp.ts matches bit for bit
// (softmax excepted: it uses exp, whose last bit differs between libm implementations).

/** Z (rows × cols) ← Z + b (broadcast over rows), then max(·, 0) when relu ≠ 0. In place. */
export function biasActF32(zPtr: usize, bPtr: usize, rows: i32, cols: i32, relu: i32): void {
  const vecCols = cols & ~3;
  const zero = f32x4.splat(0);
  const rowBytes = <usize>cols * 4;
  for (let r = 0; r < rows; r++) {
    const z = zPtr + <usize>r * rowBytes;
    let j = 0;
    for (; j < vecCols; j += 4) {
      const off = <usize>j * 4;
      let v = f32x4.add(v128.load(z + off), v128.load(bPtr + off));
      // pmax is max(a, b) = b < a ? a : b, the same as the scalar `v > 0 ? v : 0` (NaN and −0 included).
      if (relu) v = f32x4.pmax(zero, v);
      v128.store(z + off, v);
    }
    for (; j < cols; j++) {
      const off = <usize>j * 4;
      let v = load<f32>(z + off) + load<f32>(bPtr + off);
      if (relu) v = reluS(v);
      store<f32>(z + off, v);
    }
  }
}

// @ts-ignore: decorator
@inline function reluS(v: f32): f32 {
  return <f32>0 < v ? v : <f32>0;
}

/** D (n) ← D where H > 0, else 0: the ReLU's backward pass, from its output H. In place. */
export function reluBackwardF32(dPtr: usize, hPtr: usize, n: i32): void {
  const vecN = n & ~3;
  const zero = f32x4.splat(0);
  let j = 0;
  for (; j < vecN; j += 4) {
    const off = <usize>j * 4;
    v128.store(dPtr + off, v128.and(v128.load(dPtr + off), f32x4.gt(v128.load(hPtr + off), zero)));
  }
  for (; j < n; j++) {
    const off = <usize>j * 4;
    if (!(load<f32>(hPtr + off) > 0)) store<f32>(dPtr + off, 0);
  }
}

/** out (cols) ← Σ_r A[r, ·] for A (rows × cols), rows summed in order 0 … rows−1 (bias gradients). */
export function colSumF32(aPtr: usize, outPtr: usize, rows: i32, cols: i32): void {
  const vecCols = cols & ~3;
  const rowBytes = <usize>cols * 4;
  memory.fill(outPtr, 0, <usize>cols * 4);
  for (let r = 0; r < rows; r++) {
    const a = aPtr + <usize>r * rowBytes;
    let j = 0;
    for (; j < vecCols; j += 4) {
      const off = <usize>j * 4;
      v128.store(outPtr + off, f32x4.add(v128.load(outPtr + off), v128.load(a + off)));
    }
    for (; j < cols; j++) {
      const off = <usize>j * 4;
      store<f32>(outPtr + off, load<f32>(outPtr + off) + load<f32>(a + off));
    }
  }
}

/**
 * Softmax cross-entropy over rows of logits (rows × cols) with integer labels (rows × i32).
 * dlogits (rows × cols) ← (softmax − onehot)·gradScale; returns the mean loss (f64). Computed in f64, max-shifted.
 * A label outside 0 … cols−1 is never passed (core checks); a non-finite logit gives a NaN loss.
 */
export function softmaxXentF32(logitsPtr: usize, labelsPtr: usize, dPtr: usize, rows: i32, cols: i32, gradScale: f64): f64 {
  const rowBytes = <usize>cols * 4;
  let total: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const z = logitsPtr + <usize>r * rowBytes;
    const d = dPtr + <usize>r * rowBytes;
    let mx: f64 = -Infinity;
    for (let j = 0; j < cols; j++) mx = max(mx, <f64>load<f32>(z + <usize>j * 4));
    let sum: f64 = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(<f64>load<f32>(z + <usize>j * 4) - mx);
    const label = load<i32>(labelsPtr + <usize>r * 4);
    total += Math.log(sum) - (<f64>load<f32>(z + <usize>label * 4) - mx);
    for (let j = 0; j < cols; j++) {
      const p = Math.exp(<f64>load<f32>(z + <usize>j * 4) - mx) / sum;
      store<f32>(d + <usize>j * 4, <f32>((p - (j == label ? 1.0 : 0.0)) * gradScale));
    }
  }
  return total / <f64>rows;
}
