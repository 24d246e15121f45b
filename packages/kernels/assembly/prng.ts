// xoshiro256++ 1.0 (Blackman & Vigna): 256-bit state, 64-bit outputs, period 2^256 − 1, and a jump of 2^128 steps
// for independent streams. One step gives a whole f64 sample's bits (a 53-bit uniform plus 11 spare bits), which is
// what lets the Gaussian kernel run at one step per sample.
// The state is 4 × u64 at a caller-owned pointer (32 bytes). Hot loops keep it in locals (see gaussian.ts); the
// helpers here keep it in globals, for code where a step's cost does not matter.

let s0: u64 = 0;
let s1: u64 = 0;
let s2: u64 = 0;
let s3: u64 = 0;

// @ts-ignore: decorator
@inline export function loadState(statePtr: usize): void {
  s0 = load<u64>(statePtr, 0);
  s1 = load<u64>(statePtr, 8);
  s2 = load<u64>(statePtr, 16);
  s3 = load<u64>(statePtr, 24);
}

// @ts-ignore: decorator
@inline export function saveState(statePtr: usize): void {
  store<u64>(statePtr, s0, 0);
  store<u64>(statePtr, s1, 8);
  store<u64>(statePtr, s2, 16);
  store<u64>(statePtr, s3, 24);
}

// @ts-ignore: decorator
@inline export function nextU64(): u64 {
  const result = rotl<u64>(s0 + s3, 23) + s0;
  const t = s1 << 17;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u64>(s3, 45);
  return result;
}

/** Uniform on [0, 1): the top 53 bits of one output. */
// @ts-ignore: decorator
@inline export function nextF64(): f64 {
  return <f64>(nextU64() >>> 11) * 1.1102230246251565e-16; // 2^-53
}

const JUMP: StaticArray<u64> = [0x180ec6d33cfd0aba, 0xd5a61266f0c9392c, 0xa9582618e03fc9aa, 0x39abdc4529b1661c];

/** Advances the state at statePtr by 2^128 steps. */
export function rngJump(statePtr: usize): void {
  loadState(statePtr);
  let t0: u64 = 0, t1: u64 = 0, t2: u64 = 0, t3: u64 = 0;
  for (let i = 0; i < 4; i++) {
    const word = unchecked(JUMP[i]);
    for (let b: u64 = 0; b < 64; b++) {
      if (word & (<u64>1 << b)) {
        t0 ^= s0;
        t1 ^= s1;
        t2 ^= s2;
        t3 ^= s3;
      }
      nextU64();
    }
  }
  s0 = t0;
  s1 = t1;
  s2 = t2;
  s3 = t3;
  saveState(statePtr);
}

/** out (n × u32) ← the high 32 bits of the next n outputs. */
export function rngFillU32(statePtr: usize, outPtr: usize, n: i32): void {
  loadState(statePtr);
  for (let k = 0; k < n; k++) store<u32>(outPtr + (<usize>k << 2), <u32>(nextU64() >>> 32));
  saveState(statePtr);
}

/** out (n × f64) ← low + (high − low)·U, U uniform on [0, 1) with 53 bits. */
export function uniformF64(statePtr: usize, outPtr: usize, n: i32, low: f64, high: f64): void {
  loadState(statePtr);
  const width = high - low;
  for (let k = 0; k < n; k++) store<f64>(outPtr + (<usize>k << 3), low + width * nextF64());
  saveState(statePtr);
}

/**
 * out (n × f32) ← low + (high − low)·U rounded to f32, U = top 24 bits of one output · 2⁻²⁴ (one step per sample, as
 * uniformF64). 24 bits, not 53: a 53-bit U ≥ 1 − 2⁻²⁵ would round to exactly 1 in f32, i.e. `high` on [0, 1).
 */
export function uniformF32(statePtr: usize, outPtr: usize, n: i32, low: f64, high: f64): void {
  loadState(statePtr);
  const width = high - low;
  for (let k = 0; k < n; k++) {
    store<f32>(outPtr + (<usize>k << 2), <f32>(low + width * (<f64>(nextU64() >>> 40) * 5.9604644775390625e-8))); // 2^-24
  }
  saveState(statePtr);
}
