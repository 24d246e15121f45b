// Word access to doubles, as fdlibm's __HI/__LO. Bit operations are exact in every engine.

const view = new DataView(new ArrayBuffer(8));

/** High 32 bits of x (sign, exponent, top of the mantissa), signed. */
export const high = (x: number): number => (view.setFloat64(0, x, true), view.getInt32(4, true));

/** Low 32 bits of x, unsigned. */
export const low = (x: number): number => (view.setFloat64(0, x, true), view.getUint32(0, true));

/** x with its high word replaced by `hi`. */
export function withHigh(x: number, hi: number): number {
  view.setFloat64(0, x, true);
  view.setInt32(4, hi | 0, true);
  return view.getFloat64(0, true);
}

/** The double with words (hi, lo). */
export function fromWords(hi: number, lo: number): number {
  view.setInt32(4, hi | 0, true);
  view.setUint32(0, lo >>> 0, true);
  return view.getFloat64(0, true);
}
