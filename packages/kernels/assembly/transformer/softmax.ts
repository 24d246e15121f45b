// Softmax over rows of f32 scores with an optional causal mask, in place; rows come in square blocks (one per
// sequence and head), so row r keeps columns 0 … r mod cols when causal. Each row is computed in f64 (max-shifted)
// and rounded once. Reference: packages/core/src/transformer/reference/softmax.ts (exp there is the fdlibm port;
// AssemblyScript's Math.exp may differ in the last f64 bit: at most 1 f32 ulp). The backward pass is bit for bit.

/** S (rows × cols) ← softmax(S) per row. */
export function softmaxRowsF32(sPtr: usize, rows: i32, cols: i32, causal: i32): void {
  const rowBytes = <usize>cols * 4;
  for (let r = 0; r < rows; r++) {
    const s = sPtr + <usize>r * rowBytes;
    const last = causal ? r % cols : cols - 1;
    let mx: f64 = -Infinity;
    for (let j = 0; j <= last; j++) mx = max(mx, <f64>load<f32>(s + <usize>j * 4));
    let sum: f64 = 0;
    for (let j = 0; j <= last; j++) sum += Math.exp(<f64>load<f32>(s + <usize>j * 4) - mx);
    for (let j = 0; j <= last; j++) {
      const o = <usize>j * 4;
      store<f32>(s + o, <f32>(Math.exp(<f64>load<f32>(s + o) - mx) / sum));
    }
    for (let j = last + 1; j < cols; j++) store<f32>(s + <usize>j * 4, 0);
  }
}

/** dP (rows × cols) ← P ⊙ (dP − Σ_j P·dP) per row, in place; the dot in f64, each output rounded once. */
export function softmaxRowsBackwardF32(pPtr: usize, dPtr: usize, rows: i32, cols: i32): void {
  const rowBytes = <usize>cols * 4;
  for (let r = 0; r < rows; r++) {
    const p = pPtr + <usize>r * rowBytes;
    const dp = dPtr + <usize>r * rowBytes;
    let dot: f64 = 0;
    for (let j = 0; j < cols; j++) dot += <f64>load<f32>(p + <usize>j * 4) * <f64>load<f32>(dp + <usize>j * 4);
    for (let j = 0; j < cols; j++) {
      const o = <usize>j * 4;
      store<f32>(dp + o, <f32>(<f64>load<f32>(p + o) * (<f64>load<f32>(dp + o) - dot)));
    }
  }
}
