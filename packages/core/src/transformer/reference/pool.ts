// The readout's pooling over positions, reference.
//   forward:  h (B·T × d) → r (B × d): 'last' r[b] = h[b·T + T−1]; 'mean' r[b] = (Σ_t h[b·T + t]) / T (t in order)
//   backward: dr (B × d) → dh (B·T × d) (overwritten): 'last' dh[b·T + T−1] = dr[b], other rows 0; 'mean' dh[b·T + t] = dr[b] / T
import { rounder, type Vec } from './matmul.js';

export function poolForward(h: Vec, r: Vec, batch: number, seqLen: number, d: number, mode: 'last' | 'mean'): void {
  const round = rounder(r);
  for (let b = 0; b < batch; b++) {
    if (mode === 'last') {
      const o = (b * seqLen + seqLen - 1) * d;
      for (let j = 0; j < d; j++) r[b * d + j] = h[o + j]!;
      continue;
    }
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let t = 0; t < seqLen; t++) s = round(s + h[(b * seqLen + t) * d + j]!);
      r[b * d + j] = round(s / seqLen);
    }
  }
}

export function poolBackward(dr: Vec, dh: Vec, batch: number, seqLen: number, d: number, mode: 'last' | 'mean'): void {
  const round = rounder(dh);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < seqLen; t++) {
      const o = (b * seqLen + t) * d;
      for (let j = 0; j < d; j++) {
        dh[o + j] = mode === 'mean' ? round(dr[b * d + j]! / seqLen) : t === seqLen - 1 ? dr[b * d + j]! : 0;
      }
    }
  }
}
