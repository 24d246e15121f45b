// Plain-TypeScript xoshiro256++: the reference the WASM kernels are tested against, with 64-bit words as (hi, lo)
// pairs of u32 so it runs on plain numbers. State: Uint32Array(8), word k = state[2k] (lo) | state[2k + 1] (hi),
// the same little-endian bytes as the kernels' 4 × u64.

/** The low half of the last output of `nextU64` (the high half is its return value). */
let lastLo = 0;

/** Advances `state` one step; returns the output's high 32 bits (low 32 bits: `lastLow()`). */
export function nextU64(state: Uint32Array): number {
  const s0l = state[0]!, s0h = state[1]!, s1l = state[2]!, s1h = state[3]!;
  const s2l = state[4]!, s2h = state[5]!, s3l = state[6]!, s3h = state[7]!;
  // result = rotl(s0 + s3, 23) + s0
  let sumL = s0l + s3l;
  const sumH = (s0h + s3h + (sumL > 0xffffffff ? 1 : 0)) >>> 0;
  sumL >>>= 0;
  const rotH = ((sumH << 23) | (sumL >>> 9)) >>> 0;
  const rotL = ((sumL << 23) | (sumH >>> 9)) >>> 0;
  const outL = rotL + s0l;
  const outH = (rotH + s0h + (outL > 0xffffffff ? 1 : 0)) >>> 0;
  lastLo = outL >>> 0;
  // t = s1 << 17
  const tH = ((s1h << 17) | (s1l >>> 15)) >>> 0;
  const tL = (s1l << 17) >>> 0;
  const n2l = (s2l ^ s0l) >>> 0, n2h = (s2h ^ s0h) >>> 0;
  const n3l = (s3l ^ s1l) >>> 0, n3h = (s3h ^ s1h) >>> 0;
  state[2] = s1l ^ n2l;
  state[3] = s1h ^ n2h;
  state[0] = s0l ^ n3l;
  state[1] = s0h ^ n3h;
  state[4] = n2l ^ tL;
  state[5] = n2h ^ tH;
  // s3 = rotl(s3, 45) = swap halves, then rotl 13
  state[6] = ((n3h << 13) | (n3l >>> 19)) >>> 0;
  state[7] = ((n3l << 13) | (n3h >>> 19)) >>> 0;
  return outH;
}

export function lastLow(): number {
  return lastLo;
}

/** Uniform on [0, 1) from the top 53 bits of one output. */
export function nextF64(state: Uint32Array): number {
  const hi = nextU64(state);
  return (hi * 2097152 + (lastLo >>> 11)) * 2 ** -53;
}

const JUMP = [
  [0x3cfd0aba, 0x180ec6d3],
  [0xf0c9392c, 0xd5a61266],
  [0xe03fc9aa, 0xa9582618],
  [0x29b1661c, 0x39abdc45],
] as const;

/** Advances `state` by 2^128 steps. */
export function jump(state: Uint32Array): void {
  const t = new Uint32Array(8);
  for (const [lo, hi] of JUMP) {
    for (let b = 0; b < 64; b++) {
      const bit = b < 32 ? (lo >>> b) & 1 : (hi >>> (b - 32)) & 1;
      if (bit) for (let i = 0; i < 8; i++) t[i]! ^= state[i]!;
      nextU64(state);
    }
  }
  state.set(t);
}

export function fillU32(state: Uint32Array, out: Uint32Array): Uint32Array {
  for (let k = 0; k < out.length; k++) out[k] = nextU64(state);
  return out;
}

export function uniformF64(state: Uint32Array, out: Float64Array, low: number, high: number): Float64Array {
  const width = high - low;
  for (let k = 0; k < out.length; k++) out[k] = low + width * nextF64(state);
  return out;
}

/** f32 uniforms from the top 24 bits of each output (on [0, 1) never rounds up to 1, as 53 bits would). */
export function uniformF32(state: Uint32Array, out: Float32Array, low: number, high: number): Float32Array {
  const width = high - low;
  for (let k = 0; k < out.length; k++) out[k] = low + width * ((nextU64(state) >>> 8) * 2 ** -24);
  return out;
}
