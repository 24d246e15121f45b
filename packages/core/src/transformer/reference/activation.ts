// The MLP sublayer's activations, reference: ReLU and GELU in GPT-2's tanh form,
//   gelu(x) = ½x(1 + tanh(√(2/π)(x + 0.044715x³))),
// elementwise over n values. GELU is evaluated in f64 and rounded once to the output type; tanh is the deterministic
// fdlibm port (the kernel uses AssemblyScript's, which may differ in the last f64 bit: at most 1 f32 ulp after rounding).
import { tanhDet } from '../../libm/index.js';
import { rounder, type Vec } from './matmul.js';

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/** y (n) ← act(x) (n). */
export function activationForward(kind: 'relu' | 'gelu', x: Vec, y: Vec, n: number): void {
  const round = rounder(y);
  if (kind === 'relu') {
    // biome-ignore lint/complexity/useMathMinMax: the kernel's comparison (NaN and −0 map to +0; Math.max keeps them)
    for (let i = 0; i < n; i++) y[i] = x[i]! > 0 ? x[i]! : 0;
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    y[i] = round(0.5 * v * (1 + tanhDet(GELU_C * (v + GELU_A * v * v * v))));
  }
}

/** dx (n) ← dy·act′(x), from the pre-activation x. */
export function activationBackward(kind: 'relu' | 'gelu', x: Vec, dy: Vec, dx: Vec, n: number): void {
  const round = rounder(dx);
  if (kind === 'relu') {
    for (let i = 0; i < n; i++) dx[i] = x[i]! > 0 ? dy[i]! : 0;
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const t = tanhDet(GELU_C * (v + GELU_A * v * v * v));
    const slope = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * GELU_C * (1 + 3 * GELU_A * v * v);
    dx[i] = round(dy[i]! * slope);
  }
}
