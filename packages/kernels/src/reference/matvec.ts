// Plain-TypeScript matrix–vector products (row-major, naive summation order). W is (rows, cols).
type Vec = Float32Array | Float64Array;

/** y (rows) ← W x, x (cols). */
export function matvec(W: Vec, x: Vec, y: Vec, rows: number, cols: number): Vec {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const base = r * cols;
    for (let c = 0; c < cols; c++) s += W[base + c]! * x[c]!;
    y[r] = s;
  }
  return y;
}

/** y (cols) ← Wᵀ g, g (rows). */
export function matvecTransposed(W: Vec, g: Vec, y: Vec, rows: number, cols: number): Vec {
  y.fill(0);
  for (let r = 0; r < rows; r++) {
    const gr = g[r]!;
    const base = r * cols;
    for (let c = 0; c < cols; c++) y[c] = y[c]! + W[base + c]! * gr;
  }
  return y;
}
