// The stochastic text source of the character-level language task: an order-k Markov chain over a small alphabet,
// its transition table drawn once from a stated seed. Because the source is known, so is the best loss any model can
// reach on its text: the entropy rate H = −Σ_s π(s) Σ_c P(c|s) log P(c|s) (π the stationary distribution over the
// k-character contexts), and, for the first k positions of a window, the conditional entropies of the stationary
// marginals. Everything is computed in f64 with the deterministic libm, so the floor has the same bits everywhere.
import { InvalidArgumentError } from '../../base/errors.js';
import { Rng } from '../../base/rng.js';
import { expDet, logDet } from '../../libm/index.js';

/** Letters the alphabet is drawn from, in order (English letter frequency order: a source of V letters uses the first V). */
export const MARKOV_LETTERS = 'etaoinshrdlcumwfgypbvkjxqz';

/** What defines a Markov text source (all of it: the same options give the same table, bit for bit). */
export interface MarkovSourceOptions {
  /** Alphabet size V (2 … 26): the first V of {@link MARKOV_LETTERS}. */
  vocab: number;
  /** Context length k (1 … 3): each character depends on the k before it. */
  order: number;
  /** Scale β of the Gaussian logits of each next-character distribution (P(·|s) = softmax(β·z), z ~ N(0, I)); larger is more predictable. */
  sharpness: number;
  /** Seed of the transition table (not of the sampled text). */
  tableSeed: number;
}

/** An order-k Markov source with its exact entropies. */
export interface MarkovSource extends Readonly<MarkovSourceOptions> {
  /** V^k contexts × V next characters, row-major: P(c | s) at s·V + c. A context s is the base-V number of its characters, oldest first. */
  readonly table: Float64Array;
  /** Stationary distribution over the V^k contexts. */
  readonly stationary: Float64Array;
  /** Entropy rate in nats per character. */
  readonly entropyRate: number;
  /** H(X_i | X_0 … X_{i−1}) for i = 0 … k (index k and beyond: the entropy rate), nats. */
  readonly positionEntropy: readonly number[];
  /** The alphabet as text (`etao…`). */
  readonly alphabet: string;
}

function checkInt(param: string, value: unknown, lo: number, hi: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) throw new InvalidArgumentError(param, value, `an integer from ${lo} to ${hi}`);
  return value;
}

/** Entropy (nats) of a distribution; 0·log 0 = 0. */
function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) h -= p[i]! * logDet(p[i]!);
  return h;
}

/** Stationary distribution by power iteration to a fixed point (every transition has positive probability, so the chain is ergodic and mixes fast). */
function stationaryOf(table: Float64Array, vocab: number, contexts: number): Float64Array {
  let pi = new Float64Array(contexts).fill(1 / contexts);
  let next = new Float64Array(contexts);
  for (let iter = 0; iter < 100_000; iter++) {
    next.fill(0);
    for (let s = 0; s < contexts; s++) {
      const shifted = (s * vocab) % contexts; // the context after appending c is (s·V + c) mod V^k
      for (let c = 0; c < vocab; c++) next[shifted + c]! += pi[s]! * table[s * vocab + c]!;
    }
    let change = 0;
    let total = 0;
    for (let s = 0; s < contexts; s++) total += next[s]!;
    for (let s = 0; s < contexts; s++) {
      next[s]! /= total;
      change += Math.abs(next[s]! - pi[s]!);
    }
    [pi, next] = [next, pi];
    if (change < 1e-15) break;
  }
  return pi;
}

/**
 * Builds the source: the table from `tableSeed`, the stationary distribution and the exact entropies.
 * @throws InvalidArgumentError naming `vocab`, `order`, `sharpness` or `tableSeed` when out of range.
 */
export function markovSource(options: MarkovSourceOptions): MarkovSource {
  const vocab = checkInt('vocab', options.vocab, 2, MARKOV_LETTERS.length);
  const order = checkInt('order', options.order, 1, 3);
  const tableSeed = checkInt('tableSeed', options.tableSeed, 0, Number.MAX_SAFE_INTEGER);
  const { sharpness } = options;
  if (typeof sharpness !== 'number' || !Number.isFinite(sharpness) || sharpness < 0 || sharpness > 10) throw new InvalidArgumentError('sharpness', sharpness, 'a number from 0 to 10');
  const contexts = vocab ** order;
  const rng = Rng.fromSeed(tableSeed);
  const table = new Float64Array(contexts * vocab);
  for (let s = 0; s < contexts; s++) {
    const row = table.subarray(s * vocab, (s + 1) * vocab);
    for (let c = 0; c < vocab; c++) row[c] = sharpness * rng.normal();
    let max = -Infinity;
    for (let c = 0; c < vocab; c++) max = Math.max(max, row[c]!);
    let sum = 0;
    for (let c = 0; c < vocab; c++) sum += row[c] = expDet(row[c]! - max);
    for (let c = 0; c < vocab; c++) row[c]! /= sum;
  }
  const stationary = stationaryOf(table, vocab, contexts);
  let entropyRate = 0;
  for (let s = 0; s < contexts; s++) entropyRate += stationary[s]! * entropy(table.subarray(s * vocab, (s + 1) * vocab));
  // Joint entropies of the first j characters (j ≤ k) of a stationary window: marginals of π over its oldest j characters.
  const joint = [0];
  for (let j = 1; j <= order; j++) {
    const marginal = new Float64Array(vocab ** j);
    const drop = vocab ** (order - j);
    for (let s = 0; s < contexts; s++) marginal[Math.floor(s / drop)]! += stationary[s]!;
    joint.push(entropy(marginal));
  }
  const positionEntropy = [...joint.slice(1).map((h, j) => h - joint[j]!), entropyRate];
  return { vocab, order, sharpness, tableSeed, table, stationary, entropyRate, positionEntropy, alphabet: MARKOV_LETTERS.slice(0, vocab) };
}

/** Index of the first cumulative probability above u (inverse CDF; the last index if rounding leaves u above the sum). */
function draw(p: Float64Array, from: number, count: number, u: number): number {
  let acc = 0;
  for (let i = 0; i < count; i++) {
    acc += p[from + i]!;
    if (u < acc) return i;
  }
  return count - 1;
}

/** Writes `length` characters of a stationary window of the source into `out` at `offset` (its first k from π, the rest from the table). */
export function sampleWindow(source: MarkovSource, rng: Rng, out: Int32Array, offset: number, length: number): void {
  const { vocab, order, table, stationary } = source;
  const contexts = stationary.length;
  let s = draw(stationary, 0, contexts, rng.uniform());
  // Unpack the first context's characters, oldest first.
  for (let j = 0; j < order && j < length; j++) out[offset + j] = Math.floor(s / vocab ** (order - 1 - j)) % vocab;
  for (let i = order; i < length; i++) {
    const c = draw(table, s * vocab, vocab, rng.uniform());
    out[offset + i] = c;
    s = (s * vocab + c) % contexts;
  }
}

/** The best mean loss (nats) a model predicting characters 1 … n of a stationary window from those before can reach. */
export function windowLossFloor(source: MarkovSource, predicted: number): number {
  let sum = 0;
  for (let i = 1; i <= predicted; i++) sum += source.positionEntropy[Math.min(i, source.order)]!;
  return sum / predicted;
}

/** −log P(window[i] | the k before it) under the source, for i = k … length − 1 (the per-character NLL of the true source). */
export function sourceNll(source: MarkovSource, window: ArrayLike<number>): number[] {
  const { vocab, order, table } = source;
  const out: number[] = [];
  for (let i = order; i < window.length; i++) {
    let s = 0;
    for (let j = i - order; j < i; j++) s = s * vocab + window[j]!;
    out.push(-logDet(table[s * vocab + window[i]!]!));
  }
  return out;
}
