// Token and positional embeddings, reference.
//   forward: x (B·T × d) row r = b·T + t ← α·E[tokens[b, t]] + P[t]       (E vocab × d, P seqLen × d)
//   backward: dE[tokens[b, t]] += α·dx[r], dP[t] += dx[r]                   (rows r = 0 … B·T−1 in order)
// `tokenStride` is the distance between sequences in `tokens` (seqLen + 1 for a language model's batches).
// The patch embedding is a matrix product (matmul) followed by addPositional.
import { rounder, type Vec } from './matmul.js';

export function embeddingForward(
  tokens: Int32Array, tokenStride: number, E: Vec, alpha: number, P: Vec, x: Vec, batch: number, seqLen: number, d: number,
): void {
  const round = rounder(x);
  const a = round(alpha);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < seqLen; t++) {
      const e = tokens[b * tokenStride + t]! * d;
      const o = (b * seqLen + t) * d;
      for (let j = 0; j < d; j++) x[o + j] = round(round(a * E[e + j]!) + P[t * d + j]!);
    }
  }
}

export function embeddingBackward(
  tokens: Int32Array, tokenStride: number, dx: Vec, alpha: number, dE: Vec, dP: Vec, batch: number, seqLen: number, d: number,
): void {
  const round = rounder(dE);
  const a = round(alpha);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < seqLen; t++) {
      const e = tokens[b * tokenStride + t]! * d;
      const o = (b * seqLen + t) * d;
      for (let j = 0; j < d; j++) {
        dE[e + j] = round(dE[e + j]! + round(a * dx[o + j]!));
        dP[t * d + j] = round(dP[t * d + j]! + dx[o + j]!);
      }
    }
  }
}

/** x (B·T × d) row b·T + t += P[t]. */
export function addPositional(x: Vec, P: Vec, batch: number, seqLen: number, d: number): void {
  const round = rounder(x);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < seqLen * d; i++) x[b * seqLen * d + i] = round(x[b * seqLen * d + i]! + P[i]!);
  }
}

/** dP (seqLen × d) += Σ_b dx[b·T + t] (b in order). */
export function positionalBackward(dx: Vec, dP: Vec, batch: number, seqLen: number, d: number): void {
  const round = rounder(dP);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < seqLen * d; i++) dP[i] = round(dP[i]! + dx[b * seqLen * d + i]!);
  }
}
