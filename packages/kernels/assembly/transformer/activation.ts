// The MLP sublayer's activations over n f32 values, SIMD: ReLU, and GELU in GPT-2's tanh form written as a sigmoid,
//   gelu(x) = ½x(1 + tanh z) = x·σ(2z),  z = √(2/π)(x + 0.044715x³),  σ(v) = 1/(1 + e^(−v)),
//   gelu′(x) = σ(2z) + x·σ(2z)(1 − σ(2z))·2√(2/π)(1 + 3·0.044715x²),
// with e^v from an f32 exp (Cephes expf: v clamped to [−87, 88], 2^k·p(r) with r = v − k·ln2 in two parts and a
// degree-6 polynomial; relative error ≈ 1e-7). Every step is one f32 operation in a fixed order, the same in the SIMD
// lanes and the scalar tail, so packages/core/src/transformer/reference/activation.ts reproduces it bit for bit.
// (Evaluating tanh in f64 per element, the first version, took 30 % of a width-256 training step.)

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;
const EXP_MIN: f32 = -87;
const EXP_MAX: f32 = 88;
const GELU_C2: f32 = -1.5957691216057308; // −2·√(2/π)
const GELU_A: f32 = 0.044715;
const GELU_D: f32 = 1.5957691216057308; // 2·√(2/π): d(2z)/dx = 2·√(2/π)·(1 + 3a·x²)
const GELU_3A: f32 = 0.134145;

// @ts-ignore: decorator
@inline function expV(v: v128): v128 {
  const x = f32x4.min(f32x4.max(v, f32x4.splat(EXP_MIN)), f32x4.splat(EXP_MAX));
  const k = f32x4.floor(f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(0.5)));
  let r = f32x4.sub(x, f32x4.mul(k, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(k, f32x4.splat(LN2_LO)));
  const r2 = f32x4.mul(r, r);
  let p = f32x4.add(f32x4.mul(f32x4.splat(P0), r), f32x4.splat(P1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P4));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P5));
  p = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

// @ts-ignore: decorator
@inline function expS(v: f32): f32 {
  const x = min(max(v, EXP_MIN), EXP_MAX);
  const k = Mathf.floor(x * LOG2E + <f32>0.5);
  let r = x - k * LN2_HI;
  r = r - k * LN2_LO;
  const r2 = r * r;
  let p = P0 * r + P1;
  p = p * r + P2;
  p = p * r + P3;
  p = p * r + P4;
  p = p * r + P5;
  p = p * r2 + r + <f32>1;
  // A NaN input: k is NaN, the exponent 0 (p is NaN anyway), never a trapping conversion.
  const ki: i32 = k != k ? 0 : <i32>k;
  return p * reinterpret<f32>((ki + 127) << 23);
}

// σ(2z) for GELU: 1/(1 + e^(−2z)), −2z = GELU_C2·(x + a·x³).
// @ts-ignore: decorator
@inline function sigV(x: v128): v128 {
  const x3 = f32x4.mul(x, f32x4.mul(x, x));
  const e = expV(f32x4.mul(f32x4.splat(GELU_C2), f32x4.add(x, f32x4.mul(f32x4.splat(GELU_A), x3))));
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), e));
}

// @ts-ignore: decorator
@inline function sigS(x: f32): f32 {
  const x3 = x * (x * x);
  const e = expS(GELU_C2 * (x + GELU_A * x3));
  return <f32>1 / (<f32>1 + e);
}

/** y ← act(x); kind 0 = ReLU, 1 = GELU. */
export function activationForwardF32(kind: i32, xPtr: usize, yPtr: usize, n: i32): void {
  const n4 = n & ~3;
  let i = 0;
  if (kind == 0) {
    const zero = f32x4.splat(0);
    for (; i < n4; i += 4) v128.store(yPtr + <usize>i * 4, f32x4.pmax(zero, v128.load(xPtr + <usize>i * 4)));
    for (; i < n; i++) {
      const v = load<f32>(xPtr + <usize>i * 4);
      store<f32>(yPtr + <usize>i * 4, <f32>0 < v ? v : <f32>0);
    }
    return;
  }
  for (; i < n4; i += 4) {
    const x = v128.load(xPtr + <usize>i * 4);
    v128.store(yPtr + <usize>i * 4, f32x4.mul(x, sigV(x)));
  }
  for (; i < n; i++) {
    const x = load<f32>(xPtr + <usize>i * 4);
    store<f32>(yPtr + <usize>i * 4, x * sigS(x));
  }
}

/** dx ← dy·act′(x), x the pre-activation. */
export function activationBackwardF32(kind: i32, xPtr: usize, dyPtr: usize, dxPtr: usize, n: i32): void {
  const n4 = n & ~3;
  let i = 0;
  if (kind == 0) {
    const zero = f32x4.splat(0);
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
  const one = f32x4.splat(1);
  for (; i < n4; i += 4) {
    const o = <usize>i * 4;
    const x = v128.load(xPtr + o);
    const s = sigV(x);
    // slope = s + x·s·(1 − s)·(D·(1 + 3a·x²))
    const dz = f32x4.mul(f32x4.splat(GELU_D), f32x4.add(one, f32x4.mul(f32x4.splat(GELU_3A), f32x4.mul(x, x))));
    const slope = f32x4.add(s, f32x4.mul(f32x4.mul(f32x4.mul(x, s), f32x4.sub(one, s)), dz));
    v128.store(dxPtr + o, f32x4.mul(v128.load(dyPtr + o), slope));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const x = load<f32>(xPtr + o);
    const s = sigS(x);
    const dz = GELU_D * (<f32>1 + GELU_3A * (x * x));
    const slope = s + ((x * s) * (<f32>1 - s)) * dz;
    store<f32>(dxPtr + o, load<f32>(dyPtr + o) * slope);
  }
}
