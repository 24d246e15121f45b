// Problem 1b's Monte Carlo trials for one grid point in one call (B = 1, f32). Per trial, in this order:
//   x ~ N(0, I_d1), g ~ N(0, I_d2)       normalF32 on the generator at statePtr
//   W (d2 × d1) ← 0, W ← W − sign(g xᵀ)  signgdOuterF32, lr 1
//   y (d2) ← W x;  train[t] = Σ_j y_j² / d2  (f64 sum of the f32 y_j², j in order)
//   with fresh: x ~ N(0, I_d1), y ← W x;  fresh[t] = Σ_j y_j² / d2
// The same kernels in the same order as @hw3/core's per-call loop (measureSigngdRms), so the same bits: that loop
// made 6 to 9 calls across the WebAssembly boundary per trial, each validated in JavaScript, and at small d₁ (4 096
// trials of a few hundred multiply-adds) it was the calls, not the arithmetic, that took the time.
import { normalF32 } from './gaussian';
import { matvecF32 } from './matvec';
import { signgdOuterF32 } from './signgd';

// @ts-ignore: decorator
@inline function meanSquareF32(yPtr: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let j = 0; j < n; j++) {
    const v = <f64>load<f32>(yPtr + (<usize>j << 2));
    s += v * v;
  }
  return s / <f64>n;
}

/**
 * W (d2 × d1), x (d1), g (d2), y (d2): f32 scratch; train, fresh (trials × f64) ← the per-trial ‖y′‖²_rms on the
 * update's own x and (withFresh ≠ 0) on a fresh x; fresh is not written when withFresh is 0.
 */
export function signgdTrialsF32(statePtr: usize, wPtr: usize, xPtr: usize, gPtr: usize, yPtr: usize, d1: i32, d2: i32, trials: i32, withFresh: i32, trainPtr: usize, freshPtr: usize): void {
  const wBytes = <usize>d1 * <usize>d2 << 2;
  for (let t = 0; t < trials; t++) {
    normalF32(statePtr, xPtr, d1, 0, 1);
    normalF32(statePtr, gPtr, d2, 0, 1);
    memory.fill(wPtr, 0, wBytes);
    signgdOuterF32(wPtr, gPtr, xPtr, d2, d1, 1);
    matvecF32(wPtr, xPtr, yPtr, d2, d1);
    store<f64>(trainPtr + (<usize>t << 3), meanSquareF32(yPtr, d2));
    if (withFresh != 0) {
      normalF32(statePtr, xPtr, d1, 0, 1);
      matvecF32(wPtr, xPtr, yPtr, d2, d1);
      store<f64>(freshPtr + (<usize>t << 3), meanSquareF32(yPtr, d2));
    }
  }
}
