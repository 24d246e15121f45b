// The character-level language task: windows of text from a stated Markov source (markov-source.ts), predicted one
// character at a time. Its loss floor is known exactly, so a plot can draw the line no model can cross.
import { InvalidArgumentError } from '../../base/errors.js';
import type { Rng } from '../../base/rng.js';
import type { TransformerBatch, TransformerTask } from '../api.js';
import { markovSource, sampleWindow, windowLossFloor, type MarkovSource, type MarkovSourceOptions } from './markov-source.js';

/** The language task's own settings: the source, and the longest window it hands out. */
export interface MarkovLmOptions extends MarkovSourceOptions {
  /** Longest window (positions a model reads); 1 … 1024. */
  maxSeqLen: number;
}

/** The source behind the default language task: 16 letters, order 2, β = 2, table seed 17. */
export const MARKOV_LM_DEFAULTS: Readonly<MarkovLmOptions> = { vocab: 16, order: 2, sharpness: 2, tableSeed: 17, maxSeqLen: 256 };

/** A language task over a Markov source, with the source and its exact floors. */
export interface MarkovLmTask extends TransformerTask {
  readonly source: MarkovSource;
  /** The entropy rate (nats per character): the floor at every position with a full context. */
  readonly lossFloor: number;
  /** The exact floor of the mean loss over a window of `seqLen` predictions (the first k positions see less context). */
  windowLossFloor(seqLen: number): number;
}

/**
 * The language task: each batch row is a stationary window of seqLen + 1 characters; position t predicts character t + 1.
 * @throws InvalidArgumentError naming the source option or `maxSeqLen` when out of range.
 */
export function markovLmTask(options: MarkovLmOptions = MARKOV_LM_DEFAULTS): MarkovLmTask {
  const source = markovSource(options);
  const { maxSeqLen } = options;
  if (!Number.isInteger(maxSeqLen) || maxSeqLen < 1 || maxSeqLen > 1024) throw new InvalidArgumentError('maxSeqLen', maxSeqLen, 'an integer from 1 to 1024');
  return {
    id: `markov-lm(V=${source.vocab},k=${source.order},β=${source.sharpness},table=${source.tableSeed})`,
    input: { kind: 'tokens', vocab: source.vocab },
    outputs: source.vocab,
    maxSeqLen,
    readouts: ['every-position'],
    source,
    lossFloor: source.entropyRate,
    windowLossFloor: (seqLen) => windowLossFloor(source, seqLen),
    batch(rng: Rng, size: number, seqLen: number): TransformerBatch {
      if (!Number.isInteger(size) || size < 1) throw new InvalidArgumentError('size', size, 'an integer ≥ 1');
      if (!Number.isInteger(seqLen) || seqLen < 1 || seqLen > maxSeqLen) throw new InvalidArgumentError('seqLen', seqLen, `an integer from 1 to ${maxSeqLen} (this task's longest window)`);
      const tokens = new Int32Array(size * (seqLen + 1));
      for (let b = 0; b < size; b++) sampleWindow(source, rng, tokens, b * (seqLen + 1), seqLen + 1);
      return { size, tokens };
    },
  };
}
