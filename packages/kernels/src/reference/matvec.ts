// Plain-TypeScript matrix–vector products. W is (rows, cols), row-major.
// - `matvec`, `matvecTransposed`: the naive summation order, the oracle that tests hold the kernels to within the
//   summation error bound (and that computes the "exact" result in f64).
// - `matvecKernelOrder`, `matvecTransposedKernelOrder`: the kernels' exact twins (assembly/matvec.ts), the same
//   operations in the same order with f32 rounding after each one, so they agree with the WASM kernels bit for bit.
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

const identity = (v: number): number => v;

/**
 * y (rows) ← W x in the kernel's order: row r's sum is split over the SIMD lanes (4 for f32, 2 for f64); lane l adds
 * W[r,c]·x[c] for the columns c ≡ l (mod lanes) below cols − (cols mod lanes), in increasing c, starting from 0; the
 * lanes are added pairwise ((l0 + l1) + (l2 + l3)); then the leftover columns are added one by one.
 */
export function matvecKernelOrder(W: Vec, x: Vec, y: Vec, rows: number, cols: number): Vec {
  const f32 = W instanceof Float32Array;
  const round = f32 ? Math.fround : identity;
  const lanes = f32 ? 4 : 2;
  const vecCols = cols - (cols % lanes);
  const acc = new Array<number>(lanes);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    acc.fill(0);
    for (let c = 0; c < vecCols; c += lanes) {
      for (let l = 0; l < lanes; l++) acc[l] = round(acc[l]! + round(W[base + c + l]! * x[c + l]!));
    }
    let s = f32 ? round(round(acc[0]! + acc[1]!) + round(acc[2]! + acc[3]!)) : acc[0]! + acc[1]!;
    for (let c = vecCols; c < cols; c++) s = round(s + round(W[base + c]! * x[c]!));
    y[r] = s;
  }
  return y;
}

/**
 * y (cols) ← Wᵀ g in the kernel's order: y[c] starts at 0; with q = ⌊rows/4⌋, for r = 0 … q − 1 it gets
 * (p(r) + p(r + q)) + (p(r + 2q) + p(r + 3q)) added, p(i) = W[i,c]·g[i]; then rows 4q … rows − 1 one at a time.
 */
export function matvecTransposedKernelOrder(W: Vec, g: Vec, y: Vec, rows: number, cols: number): Vec {
  const round = W instanceof Float32Array ? Math.fround : identity;
  const q = Math.floor(rows / 4);
  const p = (i: number, c: number): number => round(W[i * cols + c]! * g[i]!);
  y.fill(0);
  for (let r = 0; r < q; r++) {
    for (let c = 0; c < cols; c++) {
      const pass = round(round(p(r, c) + p(r + q, c)) + round(p(r + 2 * q, c) + p(r + 3 * q, c)));
      y[c] = round(y[c]! + pass);
    }
  }
  for (let r = 4 * q; r < rows; r++) {
    for (let c = 0; c < cols; c++) y[c] = round(y[c]! + p(r, c));
  }
  return y;
}
