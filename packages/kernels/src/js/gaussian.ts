// Plain-TypeScript 256-layer ziggurat, step for step the same as assembly/gaussian.ts (same tables, same bits drawn).
import { lastLow, nextF64, nextU64 } from './prng.js';
import { ZIGGURAT_F, ZIGGURAT_R, ZIGGURAT_X } from './ziggurat-tables.js';
import { logDet } from './libm.js';

/** Accepted |x| from layer i's tail or wedge, or −1 to draw again. */
function slowPath(state: Uint32Array, i: number, x: number): number {
  if (i === 0) {
    let t: number, y: number;
    do {
      t = -logDet(1 - nextF64(state)) / ZIGGURAT_R;
      y = -logDet(1 - nextF64(state));
    } while (y + y < t * t);
    return ZIGGURAT_R + t;
  }
  const fTop = ZIGGURAT_F[i + 1]!;
  const fBottom = ZIGGURAT_F[i]!;
  return logDet(fBottom + (fTop - fBottom) * nextF64(state)) < -0.5 * x * x ? x : -1;
}

export function standardNormal(state: Uint32Array): number {
  for (;;) {
    const hi = nextU64(state);
    const lo = lastLow();
    const i = lo & 0xff;
    let x = (hi * 2097152 + (lo >>> 11)) * 2 ** -53 * ZIGGURAT_X[i]!;
    if (x >= ZIGGURAT_X[i + 1]!) {
      x = slowPath(state, i, x);
      if (x < 0) continue;
    }
    return lo & 0x100 ? -x : x;
  }
}

export function normalF64(state: Uint32Array, out: Float64Array, mean: number, std: number): Float64Array {
  for (let k = 0; k < out.length; k++) out[k] = mean + std * standardNormal(state);
  return out;
}

export function normalF32(state: Uint32Array, out: Float32Array, mean: number, std: number): Float32Array {
  for (let k = 0; k < out.length; k++) out[k] = mean + std * standardNormal(state);
  return out;
}
