// Optimizer steps, reference: the arithmetic of the kernels' sgdF32 / adamF32 (assembly/optim.ts), one rounding per
// operation in the order written (f32 when W is a Float32Array), so the f32 reference trains exactly like them.
import { rounder, type Vec } from './matmul.js';

/** SGD, with PyTorch-style momentum μ > 0 (buf holds the velocity). */
export function sgdStep(W: Vec, G: Vec, buf: Vec | undefined, lr: number, momentum: number): void {
  const round = rounder(W);
  const eta = round(lr);
  const mu = round(momentum);
  for (let j = 0; j < W.length; j++) {
    if (mu === 0 || !buf) W[j] = round(W[j]! - round(eta * G[j]!));
    else {
      const b = round(round(mu * buf[j]!) + G[j]!);
      buf[j] = b;
      W[j] = round(W[j]! - round(eta * b));
    }
  }
}

/** Adam: M ← β₁M + (1−β₁)G, V ← β₂V + (1−β₂)G², W ← W − lr·(M/c₁)/(√(V/c₂) + ε), c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ. */
export function adamStep(W: Vec, G: Vec, M: Vec, V: Vec, lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void {
  const round = rounder(W);
  const [a, b1, b2, e, k1, k2] = [lr, beta1, beta2, eps, c1, c2].map(round) as [number, number, number, number, number, number];
  const omb1 = round(1 - b1);
  const omb2 = round(1 - b2);
  for (let j = 0; j < W.length; j++) {
    const g = G[j]!;
    const m = round(round(b1 * M[j]!) + round(omb1 * g));
    const v = round(round(b2 * V[j]!) + round(omb2 * round(g * g)));
    M[j] = m;
    V[j] = v;
    W[j] = round(W[j]! - round(a * round(round(m / k1) / round(round(Math.sqrt(round(v / k2))) + e))));
  }
}
