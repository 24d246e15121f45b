// One Transformer training step (pre-LN, GELU, causal, next-token readout, float32, μP, Adam): forward, backward and
// the optimizer, in WebAssembly (TransformerModel). GFLOP/s counts the matrix products only (transformerStepFlops:
// projections, attention QKᵀ and PV over the full square, MLP, readout; backward twice the forward).
// The numpy twin of the same step belongs to the experiments' half of issue 17 (numpy/twins.py, `transformer <d>`).
import { TransformerModel, createRng, transformerStepFlops, type TransformerShape } from '@hw3/core';
import type { BenchCase, Suite, SuiteOptions } from '../suite.js';

const BATCH = 16;
const VOCAB = 64;

/** The benchmarked shape at width d: 2 blocks, d/64 heads (d_head 64, at least one head), 64 positions, MLP 4d. */
export const benchShape = (d: number): TransformerShape => ({
  seqLen: 64,
  width: d,
  heads: Math.max(1, d / 64),
  layers: 2,
  mlpRatio: 4,
  activation: 'gelu',
  causal: true,
  input: { kind: 'tokens', vocab: VOCAB },
  outputs: VOCAB,
  readout: 'every-position',
});

const STEP = 'transformer step (fwd + bwd + Adam)';
const STEP_THREADS = 'transformer step, 2 threads';

/** The step at width d on 1 thread, and with its products and Adam split between 2 threads (the same bits). */
function stepCases(d: number): BenchCase[] {
  const shape = benchShape(d);
  const stepCase = (threads: 1 | 2): BenchCase => ({
    name: threads === 1 ? STEP : STEP_THREADS,
    variant: 'wasm',
    twin: `transformer ${d}`,
    dtype: 'f32',
    size: d,
    work: transformerStepFlops(shape, BATCH),
    unit: 'GFLOP/s',
    limit: 'peak',
    prepare() {
      const model = new TransformerModel(shape, { id: 'mup', baseWidth: 64 }, { optimizer: 'adam', lr: 1e-4 }, BATCH, threads);
      model.initialize(createRng(1));
      const rng = createRng(2);
      model.setBatch({ size: BATCH, tokens: Int32Array.from({ length: BATCH * (shape.seqLen + 1) }, () => rng.int(VOCAB)) });
      return { run: () => model.trainStep(), dispose: () => model.free() };
    },
  });
  return [stepCase(1), stepCase(2)];
}

export const transformerSuite: Suite = {
  name: 'transformer',
  title: 'Transformer training step: 2 pre-LN blocks, d_head 64, 64 positions, batch 16, vocab 64, float32 (μP, Adam)',
  notes: [
    'GFLOP/s = matrix-product flops / time (transformerStepFlops: 3 × the forward products; elementwise, softmax, LayerNorm and Adam not counted).',
    '× limit = that / the native f32 FMA peak; (× wasm) = that / the WASM SIMD peak.',
    'numpy twin (--vs numpy): numpy/twins.py `transformer d`, the same step in float32 numpy (full backward, Adam), one BLAS thread.',
    '2 threads: TransformerModel with threads 2 (products split by columns, Adam by elements, with a kernel thread on a shared',
    '  memory; LayerNorm, softmax, GELU and the permutes stay on one thread; the same bits). Its "vs numpy" is against numpy',
    '  on one thread. Read it by wall clock: --clock cpu adds both threads\' CPU time.',
  ],
  cases: ({ quick }: SuiteOptions) => (quick ? [256] : [256, 512]).flatMap(stepCases),
};
