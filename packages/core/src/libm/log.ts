// Logarithms built on the kernels' bit-exact fdlibm log (`logDet`), so every engine gives the same bits.
import { libm } from '@hw3/kernels/js';
import { expDet } from './exp.js';
import { high, low } from './bits.js';

/** ln x, bit-identical to fdlibm (the kernels' JS twin of their `logDet`, the same bits as the WASM kernels). */
export const logDet: (x: number) => number = libm.logDet;

/** log₂ x: exact k for x = 2^k (normal x), otherwise logDet(x)/ln 2 (error ≤ 2 ulp; the same bits everywhere). */
export function log2Det(x: number): number {
  const hx = high(x);
  if ((hx & 0x000fffff) === 0 && low(x) === 0 && hx >= 0x00100000 && hx < 0x7ff00000) return (hx >> 20) - 1023;
  return logDet(x) / Math.LN2;
}

/** log₁₀ x = logDet(x)/ln 10 (error ≤ 2 ulp; the same bits everywhere). */
export function log10Det(x: number): number {
  return logDet(x) / Math.LN10;
}

/** ln(1 + x), accurate for small x (Goldberg's correction of the rounding in 1 + x; error ≤ a few ulp). */
export function log1pDet(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  if (u === Infinity) return Infinity;
  return (logDet(u) * x) / (u - 1);
}

/** e^x − 1, accurate for small x (Kahan's correction through ln of the rounded e^x; error ≤ a few ulp). */
export function expm1Det(x: number): number {
  if (Math.abs(x) >= 0.5) return expDet(x) - 1;
  const u = expDet(x);
  if (u === 1) return x;
  const um1 = u - 1;
  if (um1 === -1) return -1;
  return (um1 * x) / logDet(u);
}
