// The MLP sublayer's activations, reference: ReLU and GELU in GPT-2's tanh form,
//   gelu(x) = ½x(1 + tanh z) = x·σ(2z),  z = √(2/π)(x + 0.044715x³),
//   gelu′(x) = σ(2z) + x·σ(2z)(1 − σ(2z))·2√(2/π)(1 + 3·0.044715x²).
// f64 (the finite-difference oracle): the formula with the deterministic fdlibm exp. f32: the kernel's arithmetic
// step by step — an f32 exp (Cephes expf: clamp to [−87, 88], 2^k·p(r), degree-6 polynomial) and one Math.fround
// per operation in the kernel's order — so it matches assembly/transformer/activation.ts bit for bit.
import { expDet } from '../../libm/index.js';
import { rounder, type Vec } from './matmul.js';

const f = Math.fround;
const LOG2E = f(Math.LOG2E);
const LN2_HI = f(0.693359375);
const LN2_LO = f(-2.1219444e-4);
const P = [1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1].map(f) as [number, number, number, number, number, number];
const C2 = f(-1.5957691216057308);
const A = f(0.044715);
const D = f(1.5957691216057308); // 2·√(2/π)
const A3 = f(0.134145);

/** The kernel's f32 e^v. */
export function expF32(v: number): number {
  const x = Math.min(Math.max(v, -87), 88);
  const k = Math.floor(f(f(x * LOG2E) + 0.5));
  let r = f(x - f(k * LN2_HI));
  r = f(r - f(k * LN2_LO));
  const r2 = f(r * r);
  let p = f(f(P[0] * r) + P[1]);
  p = f(f(p * r) + P[2]);
  p = f(f(p * r) + P[3]);
  p = f(f(p * r) + P[4]);
  p = f(f(p * r) + P[5]);
  p = f(f(f(p * r2) + r) + 1);
  return f(p * 2 ** k);
}

/** σ(2z) as the kernel computes it (f32) or exactly (f64). */
function sigmoid2z(x: number, single: boolean): number {
  if (!single) return 1 / (1 + expDet(-2 * Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  const x3 = f(x * f(x * x));
  const e = expF32(f(C2 * f(x + f(A * x3))));
  return f(1 / f(1 + e));
}

/** y (n) ← act(x) (n). */
export function activationForward(kind: 'relu' | 'gelu', x: Vec, y: Vec, n: number): void {
  const round = rounder(y);
  if (kind === 'relu') {
    // biome-ignore lint/complexity/useMathMinMax: the kernel's comparison (NaN and −0 map to +0; Math.max keeps them)
    for (let i = 0; i < n; i++) y[i] = x[i]! > 0 ? x[i]! : 0;
    return;
  }
  const single = y instanceof Float32Array;
  for (let i = 0; i < n; i++) y[i] = round(x[i]! * sigmoid2z(x[i]!, single));
}

/** dx (n) ← dy·act′(x), from the pre-activation x. */
export function activationBackward(kind: 'relu' | 'gelu', x: Vec, dy: Vec, dx: Vec, n: number): void {
  const round = rounder(dx);
  if (kind === 'relu') {
    for (let i = 0; i < n; i++) dx[i] = x[i]! > 0 ? dy[i]! : 0;
    return;
  }
  const single = dx instanceof Float32Array;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const s = sigmoid2z(v, single);
    if (!single) {
      dx[i] = dy[i]! * (s + v * s * (1 - s) * 2 * Math.sqrt(2 / Math.PI) * (1 + 3 * 0.044715 * v * v));
      continue;
    }
    const dz = f(D * f(1 + f(A3 * f(v * v))));
    dx[i] = round(f(dy[i]! * f(s + f(f(f(v * s) * f(1 - s)) * dz))));
  }
}
