// Softmax cross-entropy over rows of logits, reference (the arithmetic of the MLP's softmaxXentF32 kernel, which the
// Transformer reuses): computed in f64, max-shifted; dlogits (rows × cols) ← (softmax − onehot)·gradScale rounded
// once; returns the mean loss. exp/log are the deterministic fdlibm ports (the kernel's may differ in the last f64
// bit: dlogits then differ by at most 1 f32 ulp, the loss by ~1e-16 relative).
import { expDet, logDet } from '../../libm/index.js';
import { rounder, type Vec } from './matmul.js';

export function softmaxCrossEntropy(logits: Vec, labels: Int32Array, dlogits: Vec, rows: number, cols: number, gradScale: number): number {
  const round = rounder(dlogits);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let mx = -Infinity;
    for (let j = 0; j < cols; j++) mx = Math.max(mx, logits[o + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += expDet(logits[o + j]! - mx);
    const label = labels[r]!;
    total += logDet(sum) - (logits[o + label]! - mx);
    for (let j = 0; j < cols; j++) {
      const p = expDet(logits[o + j]! - mx) / sum;
      dlogits[o + j] = round((p - (j === label ? 1 : 0)) * gradScale);
    }
  }
  return total / rows;
}
