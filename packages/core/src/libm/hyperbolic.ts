// sinh, cosh, tanh and tan from the deterministic exp/expm1/sin/cos (fdlibm's formulas): the same bits in every
// engine, within a few ulp of the correctly rounded value (tan: relative error grows near its poles, as cos → 0).
import { expDet } from './exp.js';
import { expm1Det } from './log.js';
import { cosDet, sinDet } from './trig.js';

/** e^|x|/2 without overflowing before the result does. */
const halfExp = (a: number): number => {
  const w = expDet(0.5 * a);
  return 0.5 * w * w;
};

/** sinh x (deterministic; error ≤ a few ulp). */
export function sinhDet(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (a < 22) {
    const t = expm1Det(a);
    if (a < 1) return sign * 0.5 * (2 * t - (t * t) / (t + 1));
    return sign * 0.5 * (t + t / (t + 1));
  }
  return sign * halfExp(a);
}

/** cosh x (deterministic; error ≤ a few ulp). */
export function coshDet(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a === Infinity) return Infinity;
  if (a < 0.5 * Math.LN2) {
    const t = expm1Det(a);
    return 1 + (t * t) / (2 * (1 + t));
  }
  if (a < 22) {
    const t = expDet(a);
    return 0.5 * t + 0.5 / t;
  }
  return halfExp(a);
}

/** tanh x (deterministic; error ≤ a few ulp). */
export function tanhDet(x: number): number {
  if (Number.isNaN(x) || x === 0) return x;
  const a = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (a >= 22) return sign;
  if (a >= 1) return sign * (1 - 2 / (expm1Det(2 * a) + 2));
  const t = expm1Det(-2 * a);
  return sign * (-t / (t + 2));
}

/** tan x = sin x / cos x (deterministic; a few ulp away from the poles). */
export function tanDet(x: number): number {
  return sinDet(x) / cosDet(x);
}
