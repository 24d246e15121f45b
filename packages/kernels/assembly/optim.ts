// Optimizer steps over one parameter tensor of n f32, in place. The caller passes each tensor's own learning rate
// (that is where a parameterization's per-layer scaling enters). One f32 rounding per operation, in the order
// written, so src/js/optim.ts matches bit for bit (f32 sqrt and division are correctly rounded).

/**
 * SGD: W ← W − lr·G, or with momentum μ > 0 (PyTorch's form, no dampening): B ← μ·B + G, W ← W − lr·B.
 */
export function sgdF32(wPtr: usize, gPtr: usize, bufPtr: usize, n: i32, lr: f32, momentum: f32): void {
  const vecN = n & ~3;
  const lrV = f32x4.splat(lr);
  const muV = f32x4.splat(momentum);
  let j = 0;
  if (momentum == 0) {
    for (; j < vecN; j += 4) {
      const off = <usize>j * 4;
      v128.store(wPtr + off, f32x4.sub(v128.load(wPtr + off), f32x4.mul(lrV, v128.load(gPtr + off))));
    }
    for (; j < n; j++) {
      const off = <usize>j * 4;
      store<f32>(wPtr + off, load<f32>(wPtr + off) - lr * load<f32>(gPtr + off));
    }
    return;
  }
  for (; j < vecN; j += 4) {
    const off = <usize>j * 4;
    const b = f32x4.add(f32x4.mul(muV, v128.load(bufPtr + off)), v128.load(gPtr + off));
    v128.store(bufPtr + off, b);
    v128.store(wPtr + off, f32x4.sub(v128.load(wPtr + off), f32x4.mul(lrV, b)));
  }
  for (; j < n; j++) {
    const off = <usize>j * 4;
    const b = momentum * load<f32>(bufPtr + off) + load<f32>(gPtr + off);
    store<f32>(bufPtr + off, b);
    store<f32>(wPtr + off, load<f32>(wPtr + off) - lr * b);
  }
}

/**
 * Adam (Kingma & Ba): M ← β₁M + (1−β₁)G, V ← β₂V + (1−β₂)G², W ← W − lr·(M/c₁)/(√(V/c₂) + ε),
 * with the bias corrections c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ computed by the caller.
 */
export function adamF32(
  wPtr: usize, gPtr: usize, mPtr: usize, vPtr: usize, n: i32,
  lr: f32, beta1: f32, beta2: f32, eps: f32, c1: f32, c2: f32,
): void {
  const vecN = n & ~3;
  const b1 = f32x4.splat(beta1), b1c = f32x4.splat(<f32>1 - beta1);
  const b2 = f32x4.splat(beta2), b2c = f32x4.splat(<f32>1 - beta2);
  const lrV = f32x4.splat(lr), epsV = f32x4.splat(eps), c1V = f32x4.splat(c1), c2V = f32x4.splat(c2);
  const omb1 = <f32>1 - beta1, omb2 = <f32>1 - beta2;
  let j = 0;
  for (; j < vecN; j += 4) {
    const off = <usize>j * 4;
    const g = v128.load(gPtr + off);
    const m = f32x4.add(f32x4.mul(b1, v128.load(mPtr + off)), f32x4.mul(b1c, g));
    const v = f32x4.add(f32x4.mul(b2, v128.load(vPtr + off)), f32x4.mul(b2c, f32x4.mul(g, g)));
    v128.store(mPtr + off, m);
    v128.store(vPtr + off, v);
    const step = f32x4.div(f32x4.div(m, c1V), f32x4.add(f32x4.sqrt(f32x4.div(v, c2V)), epsV));
    v128.store(wPtr + off, f32x4.sub(v128.load(wPtr + off), f32x4.mul(lrV, step)));
  }
  for (; j < n; j++) {
    const off = <usize>j * 4;
    const g = load<f32>(gPtr + off);
    const m = beta1 * load<f32>(mPtr + off) + omb1 * g;
    const v = beta2 * load<f32>(vPtr + off) + omb2 * (g * g);
    store<f32>(mPtr + off, m);
    store<f32>(vPtr + off, v);
    const step = (m / c1) / (Mathf.sqrt(v / c2) + eps);
    store<f32>(wPtr + off, load<f32>(wPtr + off) - lr * step);
  }
}
