// x^y with the same bits in every engine. Math.pow (and `**` with a non-integer exponent) is implementation-defined
// in its last bits; this is built from exact operations and the deterministic exp/log instead.
import { expDet } from './exp.js';
import { logDet } from './log.js';

/**
 * x^y, deterministic across engines. Integer y (|y| ≤ 2^31): square-and-multiply, error ≤ about log₂|y| ulp;
 * y = ½: √x (as fdlibm); otherwise, for x > 0, exp(y·ln x) with error ≤ about (1 + |y ln x|)·2^-53 relative (the
 * rounding of y·ln x is amplified by its size; < 1e-13 for |y ln x| < 700). Negative x with non-integer y gives NaN,
 * zeros and infinities follow Math.pow.
 */
export function powDet(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (Number.isInteger(y) && Math.abs(y) <= 2 ** 31) {
    let n = Math.abs(y);
    let b = x;
    let r = 1;
    while (n > 0) {
      if (n % 2 === 1) r *= b;
      n = Math.floor(n / 2);
      if (n > 0) b *= b;
    }
    return y < 0 ? 1 / r : r;
  }
  if (y === 0.5 && x >= 0 && x !== Infinity) return Math.sqrt(x);
  if (x > 0 && x !== Infinity) return expDet(y * logDet(x));
  if (x < 0 && x !== -Infinity && Number.isInteger(y)) return (y % 2 === 0 ? 1 : -1) * expDet(y * logDet(-x));
  return x ** y; // zeros, infinities and negative bases: exact special values (0, ∞, NaN)
}
