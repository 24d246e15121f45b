// The MLP sublayer's activations over n f32 values: ReLU (SIMD) and GELU's tanh form in f64, rounded once (the
// reference, packages/core/src/transformer/reference/activation.ts, uses a deterministic fdlibm tanh; AssemblyScript's
// Math.tanh may differ in the last f64 bit, i.e. at most 1 f32 ulp after rounding).

const GELU_C: f64 = Math.sqrt(2.0 / Math.PI);
const GELU_A: f64 = 0.044715;

/** y ← act(x); kind 0 = ReLU, 1 = GELU. */
export function activationForwardF32(kind: i32, xPtr: usize, yPtr: usize, n: i32): void {
  let i = 0;
  if (kind == 0) {
    const zero = f32x4.splat(0);
    const n4 = n & ~3;
    for (; i < n4; i += 4) v128.store(yPtr + <usize>i * 4, f32x4.pmax(zero, v128.load(xPtr + <usize>i * 4)));
    for (; i < n; i++) {
      const v = load<f32>(xPtr + <usize>i * 4);
      store<f32>(yPtr + <usize>i * 4, <f32>0 < v ? v : <f32>0);
    }
    return;
  }
  for (; i < n; i++) {
    const v = <f64>load<f32>(xPtr + <usize>i * 4);
    store<f32>(yPtr + <usize>i * 4, <f32>(0.5 * v * (1 + Math.tanh(GELU_C * (v + GELU_A * v * v * v)))));
  }
}

/** dx ← dy·act′(x), x the pre-activation. */
export function activationBackwardF32(kind: i32, xPtr: usize, dyPtr: usize, dxPtr: usize, n: i32): void {
  let i = 0;
  if (kind == 0) {
    const zero = f32x4.splat(0);
    const n4 = n & ~3;
    for (; i < n4; i += 4) {
      const o = <usize>i * 4;
      v128.store(dxPtr + o, v128.and(v128.load(dyPtr + o), f32x4.gt(v128.load(xPtr + o), zero)));
    }
    for (; i < n; i++) {
      const o = <usize>i * 4;
      store<f32>(dxPtr + o, load<f32>(xPtr + o) > 0 ? load<f32>(dyPtr + o) : <f32>0);
    }
    return;
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const v = <f64>load<f32>(xPtr + o);
    const t = Math.tanh(GELU_C * (v + GELU_A * v * v * v));
    const slope = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * GELU_C * (1 + 3 * GELU_A * v * v);
    store<f32>(dxPtr + o, <f32>(<f64>load<f32>(dyPtr + o) * slope));
  }
}
