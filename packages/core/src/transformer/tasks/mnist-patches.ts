// MNIST as a sequence of patches (a small vision Transformer's view): each 28 × 28 digit is cut into non-overlapping
// p × p patches, read row by row, each patch one position whose input is its p² standardised pixels; the label is the
// digit. The digits are the 9 000 training digits the MLP lab already ships (mup/data.ts).
import { InvalidArgumentError } from '../../base/errors.js';
import type { Rng } from '../../base/rng.js';
import { loadMnist, type Dataset } from '../../mup/data.js';
import type { TransformerBatch, TransformerTask } from '../api.js';

/** Patch sides that tile a 28 × 28 digit. */
export const MNIST_PATCH_SIDES = [4, 7, 14] as const;
/** A patch side that tiles a 28 × 28 digit. */
export type MnistPatchSide = (typeof MNIST_PATCH_SIDES)[number];

const SIDE = 28;

/** The classification task over MNIST patches, with its patch layout. */
export interface MnistPatchesTask extends TransformerTask {
  readonly patch: MnistPatchSide;
  /** Training digits the batches are drawn from. */
  readonly rows: number;
}

/** Rearranges digit `row` of `split.x` (28 × 28, row-major) into patches: (28/p)² positions × p² pixels, written at `out[offset…]`. */
function writePatches(x: Float32Array, row: number, patch: number, out: Float32Array, offset: number): void {
  const per = SIDE / patch;
  let o = offset;
  for (let pr = 0; pr < per; pr++)
    for (let pc = 0; pc < per; pc++)
      for (let r = 0; r < patch; r++) {
        const from = row * SIDE * SIDE + (pr * patch + r) * SIDE + pc * patch;
        out.set(x.subarray(from, from + patch), o);
        o += patch;
      }
}

/** The task over a loaded dataset (synchronous; {@link mnistPatchesTask} loads MNIST first). */
export function patchesTaskOf(data: Dataset, patch: number): MnistPatchesTask {
  if (!(MNIST_PATCH_SIDES as readonly number[]).includes(patch)) throw new InvalidArgumentError('patch', patch, `one of ${MNIST_PATCH_SIDES.join(', ')} (a side that tiles 28 × 28)`);
  if (data.inputDim !== SIDE * SIDE) throw new InvalidArgumentError('dataset', data.name, 'a dataset of 28 × 28 digits (MNIST)');
  const positions = (SIDE / patch) ** 2;
  const dim = patch * patch;
  const { x, y, rows } = data.train;
  return {
    id: `mnist-patches(${patch}×${patch})`,
    input: { kind: 'patches', dim },
    outputs: data.classes,
    maxSeqLen: positions,
    readouts: ['mean', 'last'],
    patch: patch as MnistPatchSide,
    rows,
    batch(rng: Rng, size: number, seqLen: number): TransformerBatch {
      if (!Number.isInteger(size) || size < 1) throw new InvalidArgumentError('size', size, 'an integer ≥ 1');
      if (seqLen !== positions) throw new InvalidArgumentError('seqLen', seqLen, `${positions} (a ${patch} × ${patch} patching of a digit has ${positions} patches)`);
      const inputs = new Float32Array(size * positions * dim);
      const labels = new Int32Array(size);
      for (let b = 0; b < size; b++) {
        const row = rng.int(rows);
        writePatches(x, row, patch, inputs, b * positions * dim);
        labels[b] = y[row]!;
      }
      return { size, inputs, labels };
    },
  };
}

/**
 * MNIST digits as (28/p)² patches of p² pixels, labelled by digit.
 * @throws InvalidArgumentError naming `patch` unless it is 4, 7 or 14.
 */
export async function mnistPatchesTask(patch: MnistPatchSide = 7): Promise<MnistPatchesTask> {
  if (!(MNIST_PATCH_SIDES as readonly number[]).includes(patch)) throw new InvalidArgumentError('patch', patch, `one of ${MNIST_PATCH_SIDES.join(', ')} (a side that tiles 28 × 28)`);
  return patchesTaskOf(await loadMnist(), patch);
}
