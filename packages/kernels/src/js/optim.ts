// Plain-TypeScript optimizer steps with the kernels' exact arithmetic (see assembly/optim.ts): the test oracle of
// sgdF32/adamF32, and what the Transformer's reference backend in @hw3/core trains with (one Adam, not two).
type Vec = Float32Array | Float64Array;

const rounder = (v: Vec) => (v instanceof Float32Array ? Math.fround : (x: number) => x);

/** SGD, with PyTorch-style momentum when momentum > 0 (buf holds the velocity). */
export function sgd(W: Vec, G: Vec, buf: Vec, lr: number, momentum: number): Vec {
  const round = rounder(W);
  const eta = round(lr);
  const mu = round(momentum);
  for (let j = 0; j < W.length; j++) {
    if (mu === 0) {
      W[j] = round(W[j]! - round(eta * G[j]!));
    } else {
      const b = round(round(mu * buf[j]!) + G[j]!);
      buf[j] = b;
      W[j] = round(W[j]! - round(eta * b));
    }
  }
  return W;
}

export interface AdamConstants {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** 1 − β₁ᵗ */
  c1: number;
  /** 1 − β₂ᵗ */
  c2: number;
}

/** Adam step: M, V moments updated in place, W ← W − lr·(M/c₁)/(√(V/c₂) + ε). */
export function adam(W: Vec, G: Vec, M: Vec, V: Vec, k: AdamConstants): Vec {
  const round = rounder(W);
  const [lr, b1, b2, eps, c1, c2] = [k.lr, k.beta1, k.beta2, k.eps, k.c1, k.c2].map(round) as [number, number, number, number, number, number];
  const omb1 = round(1 - b1);
  const omb2 = round(1 - b2);
  for (let j = 0; j < W.length; j++) {
    const g = G[j]!;
    const m = round(round(b1 * M[j]!) + round(omb1 * g));
    const v = round(round(b2 * V[j]!) + round(omb2 * round(g * g)));
    M[j] = m;
    V[j] = v;
    const step = round(round(m / c1) / round(round(Math.sqrt(round(v / c2))) + eps));
    W[j] = round(W[j]! - round(lr * step));
  }
  return W;
}
