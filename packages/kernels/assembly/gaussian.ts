// Standard normal by the 256-layer ziggurat (Marsaglia & Tsang 2000), one xoshiro256++ output per fast-path sample:
// bits 0–7 pick the layer, bit 8 the sign, bits 11–63 the 53-bit uniform. The fields are disjoint (Doornik 2005:
// reusing the layer's bits in the uniform correlates neighbouring samples).
// f32 output is the f64 sample rounded, so the same seed gives fround(f64 samples) in float32.
import { loadState, saveState, nextF64 } from './prng';
import { ZIGGURAT_R, ZIGGURAT_X, ZIGGURAT_F } from './ziggurat-tables';
import { logDet } from './libm';

// Layer i's strip was hit outside its inner rectangle: the tail (i = 0) or the wedge. Returns the accepted |x|, or
// −1 to ask for a fresh draw. Out of line, with the state in prng's globals, so the hot loop stays small.
// @ts-ignore: decorator
@noinline function slowPath(statePtr: usize, i: u32, x: f64): f64 {
  loadState(statePtr);
  let accepted: f64 = -1.0;
  if (i == 0) {
    // Beyond R: Marsaglia's exponential rejection for the tail.
    let t: f64, y: f64;
    do {
      t = -logDet(1.0 - nextF64()) / ZIGGURAT_R;
      y = -logDet(1.0 - nextF64());
    } while (y + y < t * t);
    accepted = ZIGGURAT_R + t;
  } else {
    const fTop = unchecked(ZIGGURAT_F[i + 1]);
    const fBottom = unchecked(ZIGGURAT_F[i]);
    // f < exp(−x²/2) as log f < −x²/2: logDet gives the same bits here and in the TS reference (Math.exp/log don't).
    if (logDet(fBottom + (fTop - fBottom) * nextF64()) < -0.5 * x * x) accepted = x;
  }
  saveState(statePtr);
  return accepted;
}

// Fills out (n samples) with mean + std·Z. The inner loop holds the PRNG state in locals and contains no call (a call
// in the loop makes the engine spill the state around every iteration); a slow-path draw leaves the inner loop, the
// out-of-line slow path finishes that sample, and the inner loop resumes. The step must stay equal to prng.ts nextU64.
// @ts-ignore: decorator
@inline function fillNormal<T>(statePtr: usize, outPtr: usize, n: i32, mean: f64, std: f64): void {
  let k = 0;
  while (k < n) {
    let s0 = load<u64>(statePtr, 0), s1 = load<u64>(statePtr, 8), s2 = load<u64>(statePtr, 16), s3 = load<u64>(statePtr, 24);
    let slowLayer: u32 = 0;
    let slowX: f64 = 0;
    let slowSign: u32 = 0;
    for (; k < n; k++) {
      const r = rotl<u64>(s0 + s3, 23) + s0;
      const t = s1 << 17;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u64>(s3, 45);
      const i = <u32>r & 0xff;
      // U·X[i], U with 53 bits; r >>> 11 < 2⁵³ converts exactly as a signed integer (one instruction; unsigned is several).
      const x = <f64><i64>(r >>> 11) * 1.1102230246251565e-16 * unchecked(ZIGGURAT_X[i]);
      if (x >= unchecked(ZIGGURAT_X[i + 1])) {
        slowLayer = i;
        slowX = x;
        slowSign = <u32>r & 0x100;
        break;
      }
      // The sign by flipping the sign bit (bit 8 of r moved to bit 63): the same bits as −x, without the branch that
      // engines make of a select between floats, which mispredicts on half the samples (2.5× slower, measured).
      const signed = reinterpret<f64>(reinterpret<u64>(x) ^ ((r & 0x100) << 55));
      store<T>(outPtr + (<usize>k * sizeof<T>()), <T>(mean + std * signed));
    }
    store<u64>(statePtr, s0, 0); store<u64>(statePtr, s1, 8); store<u64>(statePtr, s2, 16); store<u64>(statePtr, s3, 24);
    if (k < n) {
      const x = slowPath(statePtr, slowLayer, slowX);
      if (x >= 0) {
        store<T>(outPtr + (<usize>k * sizeof<T>()), <T>(mean + std * (slowSign ? -x : x)));
        k++;
      }
    }
  }
}

/** out (n × f64) ← mean + std·Z. */
export function normalF64(statePtr: usize, outPtr: usize, n: i32, mean: f64, std: f64): void {
  fillNormal<f64>(statePtr, outPtr, n, mean, std);
}

/** out (n × f32) ← mean + std·Z, computed in f64 and rounded once. */
export function normalF32(statePtr: usize, outPtr: usize, n: i32, mean: f64, std: f64): void {
  fillNormal<f32>(statePtr, outPtr, n, mean, std);
}
