// e^x by fdlibm's __ieee754_exp, step for step: only +, −, ×, ÷ and bit operations on doubles, so every JS engine
// gives the same bits (Math.exp's last bit is implementation-defined and differs between V8 builds).
import { high, low, withHigh } from './bits.js';

const HALF = [0.5, -0.5] as const;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;
const LN2_HI = [6.93147180369123816490e-1, -6.93147180369123816490e-1] as const;
const LN2_LO = [1.90821492927058770002e-10, -1.90821492927058770002e-10] as const;
const INV_LN2 = 1.44269504088896338700;
const TWOM1000 = 9.33263618503218878990e-302;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

/** e^x, bit-identical to fdlibm in every engine (error < 1 ulp). */
export function expDet(x: number): number {
  let hx = high(x);
  const xsb = (hx >>> 31) as 0 | 1;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | low(x)) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ½ ln 2: x = k ln 2 + r
    if (hx < 0x3ff0a2b2) {
      // fdlibm's recipe is 1 ulp off at x = 1; V8's port returns e there, and so does this one.
      if (x === 1) return Math.E;
      hi = x - LN2_HI[xsb];
      lo = LN2_LO[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + HALF[xsb]);
      hi = x - k * LN2_HI[0];
      lo = k * LN2_LO[0];
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x; // |x| < 2^-28
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) return withHigh(y, high(y) + (k << 20));
  return withHigh(y, high(y) + ((k + 1000) << 20)) * TWOM1000;
}
