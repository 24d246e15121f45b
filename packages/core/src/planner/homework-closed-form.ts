// Homework problem 4's closed forms: forward recomputations and memory reads of one backward pass over n layers when
// every k-th activation is stored, with and without keeping a recomputed segment (the every-k strategy's counts).

/** Closed form: q = ⌊n/k⌋ full segments cost 0+1+…+(k−1) each, the r = n mod k layers above the last checkpoint
 * cost 1+…+r; every needed activation is one loadmem. */
export function rematClosedForm(n: number, k: number): { fwd: number; loadmem: number } {
  const q = Math.floor(n / k);
  const r = n % k;
  return { fwd: (q * k * (k - 1)) / 2 + (r * (r + 1)) / 2, loadmem: n };
}

/** Closed form of the cached mode: each full segment recomputes its k − 1 unstored layers once, the top partial one
 * its r; still one loadmem per layer (a stored or kept activation is read back, a segment's base is read to start
 * it, the top of a segment is used as it is computed). */
export function rematCachedClosedForm(n: number, k: number): { fwd: number; loadmem: number } {
  const q = Math.floor(n / k);
  const r = n % k;
  return { fwd: q * (k - 1) + r, loadmem: n };
}
