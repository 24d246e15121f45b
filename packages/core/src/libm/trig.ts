// sin and cos by fdlibm 5.3 (__kernel_sin, __kernel_cos and the medium-size argument reduction of
// __ieee754_rem_pio2): only +, −, ×, ÷ and bit operations, so every engine gives the same bits.
import { high, fromWords } from './bits.js';

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;
const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;

/** Largest |x| reduced here (2^19·π/2, fdlibm's medium range); beyond it Math.sin/cos are used (not reproducible). */
export const TRIG_DET_MAX = 823549.6653753;

/** sin on [−π/4, π/4] of x + y (y the tail of x); iy = 0 means y is 0. */
function kernelSin(x: number, y: number, iy: number): number {
  if ((high(x) & 0x7fffffff) < 0x3e400000 && Math.trunc(x) === 0) return x;
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/** cos on [−π/4, π/4] of x + y. */
function kernelCos(x: number, y: number): number {
  const ix = high(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y));
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

/** x = n·π/2 + (y0 + y1) for |x| ≤ TRIG_DET_MAX; returns [n, y0, y1]. */
function remPio2(x: number): [number, number, number] {
  const hx = high(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) return [0, x, 0];
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    const s = hx > 0 ? 1 : -1;
    let z = x - s * PIO2_1;
    if (ix !== 0x3ff921fb) {
      const y0 = z - s * PIO2_1T;
      return [s, y0, (z - y0) - s * PIO2_1T];
    }
    z -= s * PIO2_2;
    const y0 = z - s * PIO2_2T;
    return [s, y0, (z - y0) - s * PIO2_2T];
  }
  const t = Math.abs(x);
  const n = Math.trunc(t * INV_PIO2 + 0.5);
  let r = t - n * PIO2_1;
  let w = n * PIO2_1T;
  // fdlibm skips the cancellation test for n < 32 away from multiples of π/2; the test never hurts, so it always runs.
  const j = ix >> 20;
  let y0 = r - w;
  if (j - ((high(y0) >> 20) & 0x7ff) > 16) {
    let u = r;
    w = n * PIO2_2;
    r = u - w;
    w = n * PIO2_2T - ((u - r) - w);
    y0 = r - w;
    if (j - ((high(y0) >> 20) & 0x7ff) > 49) {
      u = r;
      w = n * PIO2_3;
      r = u - w;
      w = n * PIO2_3T - ((u - r) - w);
      y0 = r - w;
    }
  }
  const y1 = (r - y0) - w;
  return hx < 0 ? [-n, -y0, -y1] : [n, y0, y1];
}

/** sin x, bit-identical in every engine for |x| ≤ TRIG_DET_MAX (fdlibm, error < 1 ulp). */
export function sinDet(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) > TRIG_DET_MAX) return Math.sin(x);
  const [n, y0, y1] = remPio2(x);
  switch (n & 3) {
    case 0: return n === 0 && y1 === 0 ? kernelSin(y0, 0, 0) : kernelSin(y0, y1, 1);
    case 1: return kernelCos(y0, y1);
    case 2: return -kernelSin(y0, y1, 1);
    default: return -kernelCos(y0, y1);
  }
}

/** cos x, bit-identical in every engine for |x| ≤ TRIG_DET_MAX (fdlibm, error < 1 ulp). */
export function cosDet(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) > TRIG_DET_MAX) return Math.cos(x);
  const [n, y0, y1] = remPio2(x);
  switch (n & 3) {
    case 0: return kernelCos(y0, y1);
    case 1: return -kernelSin(y0, y1, 1);
    case 2: return -kernelCos(y0, y1);
    default: return kernelSin(y0, y1, 1);
  }
}
