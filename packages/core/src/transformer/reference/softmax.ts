// Softmax over rows, with an optional causal mask, reference. Rows come in square blocks (one per sequence and head):
//   S (blocks·T × T) → P (same), row i of a block keeps columns 0 … i when causal (the rest are 0), all T otherwise.
// Each row is computed in f64 (max-shifted) and rounded once; exp is the deterministic fdlibm port (the kernel's may
// differ in the last f64 bit, so f32 outputs agree to 1 ulp). The backward pass has no transcendental: bit for bit.
import { expDet } from '../../libm/index.js';
import { rounder, type Vec } from './matmul.js';

/** P ← softmax(S) row by row, in place allowed (P may be S). */
export function softmaxRowsForward(S: Vec, P: Vec, rows: number, cols: number, causal: boolean): void {
  const round = rounder(P);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const last = causal ? r % cols : cols - 1;
    let mx = -Infinity;
    for (let j = 0; j <= last; j++) mx = Math.max(mx, S[o + j]!);
    let sum = 0;
    for (let j = 0; j <= last; j++) sum += expDet(S[o + j]! - mx);
    for (let j = 0; j < cols; j++) P[o + j] = j <= last ? round(expDet(S[o + j]! - mx) / sum) : 0;
  }
}

/** dS ← P ⊙ (dP − Σ_j P·dP) row by row (the dot in f64, each output rounded once); dS may be dP. */
export function softmaxRowsBackward(P: Vec, dP: Vec, dS: Vec, rows: number, cols: number): void {
  const round = rounder(dS);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let dot = 0;
    for (let j = 0; j < cols; j++) dot += P[o + j]! * dP[o + j]!;
    for (let j = 0; j < cols; j++) dS[o + j] = round(P[o + j]! * (dP[o + j]! - dot));
  }
}
