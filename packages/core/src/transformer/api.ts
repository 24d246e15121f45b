// The contract of the Transformer lab: what a model looks like (shape), how it scales with width (parameterization),
// what it learns from (a task that draws batches) and what one training run returns. Tasks and experiments build on
// these types only; the model, its kernels and the trainer behind `trainTransformer` may change underneath.
import type { Rng } from '../base/rng.js';

/** What the model reads at each position: token ids (an embedding table) or real vectors (a linear patch embedding). */
export type TransformerInput = { kind: 'tokens'; vocab: number } | { kind: 'patches'; dim: number };

/**
 * Where the loss is taken: at every position (a language model predicting the next token, or per-position labels),
 * at the last position only, or on the mean over positions (a sequence classifier, e.g. MNIST as patches).
 */
export type TransformerReadout = 'every-position' | 'last' | 'mean';

/** The activation of the MLP sublayers; GELU is the tanh form (GPT-2's). */
export type TransformerActivation = 'relu' | 'gelu';

/**
 * A pre-LN Transformer: embedding (+ positional embedding) → `layers` × [x + Attn(LN(x)), x + MLP(LN(x))] → LN →
 * readout (outputs). Attention has `heads` heads of width/heads each; the MLP's hidden width is mlpRatio·width.
 * Matrices have no biases (as in nanoGPT with bias=False); LayerNorms have gain and bias.
 */
export interface TransformerShape {
  /** Positions per sequence (1…1024). */
  seqLen: number;
  /** d_model (1…8192), divisible by `heads`. */
  width: number;
  /** Attention heads (≥ 1, divides width). */
  heads: number;
  /** Blocks (1…64). */
  layers: number;
  /** MLP hidden width / width (an integer 1…8). */
  mlpRatio: number;
  activation: TransformerActivation;
  /** Causal attention mask (each position sees itself and earlier ones). */
  causal: boolean;
  input: TransformerInput;
  /** Logits per prediction: the vocabulary of a language model or the number of classes. */
  outputs: number;
  readout: TransformerReadout;
}

/** The built-in Transformer parameterizations (see parameterization.ts for their tables). */
export type TransformerParameterizationId = 'sp' | 'mup';

/**
 * How the model scales with width. Every rule is relative to `baseWidth`: at width = baseWidth μP is SP bit for bit
 * (with the same zero-init options).
 */
export interface TransformerParameterization {
  id: TransformerParameterizationId;
  /** Width at which every width ratio is 1 (divisible by heads). */
  baseWidth: number;
  /** Initialise the readout to zero (TP5 App. D's advice). Default false. */
  zeroReadout?: boolean;
  /** Initialise the query projection to zero (TP5 App. D's advice for μP attention). Default false. */
  zeroQuery?: boolean;
}

/**
 * One batch of `size` sequences, row-major.
 * - tokens input, readout 'every-position': `tokens` is size × (seqLen + 1); position t predicts token t + 1.
 * - tokens input, readout 'last' | 'mean': `tokens` is size × seqLen and `labels` size.
 * - patches input: `inputs` is size × seqLen × dim; `labels` is size (readout 'last' | 'mean') or size × seqLen
 *   (readout 'every-position').
 */
export interface TransformerBatch {
  size: number;
  tokens?: Int32Array;
  inputs?: Float32Array;
  labels?: Int32Array;
}

/** Where training data comes from: a seeded batch source whose shape fields the model must match. */
export interface TransformerTask {
  id: string;
  input: TransformerInput;
  /** Vocabulary size (language model) or number of classes. */
  outputs: number;
  /** Longest sequence the task can supply (a model with a longer seqLen is refused). */
  maxSeqLen: number;
  /** The readouts this task's batches support (the first is its natural one). */
  readouts: readonly TransformerReadout[];
  /** `size` sequences of `seqLen` positions, drawn with `rng` only (same rng state → same batch). */
  batch(rng: Rng, size: number, seqLen: number): TransformerBatch;
  /** The lowest achievable mean cross-entropy (nats), when known (e.g. a source's entropy rate). */
  lossFloor?: number;
}

/** Training settings of one run. */
export interface TransformerTrainOptions {
  optimizer: 'adam' | 'sgd';
  /** Global learning rate (> 0); each tensor steps with lr × its parameterization factor. */
  lr: number;
  steps: number;
  batchSize: number;
  /** Seeds the init (stream 0) and the batches (stream 1). */
  seed: number;
  /** Adam's β₁, β₂, ε (defaults 0.9, 0.999, 1e-8); SGD momentum (default 0). */
  beta1?: number;
  beta2?: number;
  eps?: number;
  momentum?: number;
  /** Stops the run between steps with a CancelledError whose `partial` is the result so far. */
  signal?: AbortSignal;
  /** Called after every step with its 1-based index and the batch loss before the update. */
  onStep?: (step: number, loss: number) => void;
  /** Record the RMS of every coordinate group at every step (microsoft/mup's coord check). */
  coords?: boolean;
  /**
   * 'wasm' (default): float32 WebAssembly kernels. 'reference': the plain-TypeScript float32 reference (slow; the
   * oracle the kernels are tested against).
   */
  engine?: 'wasm' | 'reference';
  /**
   * Threads for each step (default 1; the 'wasm' engine). With 2, the matrix products and the optimizer steps are
   * split between this thread and a kernel thread on a shared memory (the small ops stay on this thread, on that
   * memory): the same bits as one thread. Where no kernel thread can run (see kernelThreadsSupport: a page that is not
   * cross-origin isolated, a page's main thread), the run uses one thread and says so in `threads` of the result.
   */
  threads?: 1 | 2;
}

/**
 * Per-step RMS of activations, measured in the forward pass of that step (step 1 is before any update):
 * 'embedding' (input to block 0), 'attn.l' / 'mlp.l' (the sublayers' outputs added to the residual stream),
 * 'block.l' (the residual stream after block l), 'logits'.
 */
export interface CoordStep {
  step: number;
  rms: Record<string, number>;
}

/** What a run returns. */
export interface TransformerTrainResult {
  /** Batch loss (mean cross-entropy, nats) of each step taken, before its update; ends at the first non-finite one. */
  losses: Float64Array;
  /** A loss turned NaN or ±∞ (the run stopped there). */
  diverged: boolean;
  /** 1-based step whose loss was not finite, or null. */
  divergedAtStep: number | null;
  coords?: CoordStep[];
  /** Threads that shared each step (1 unless 2 were asked for and a kernel thread could run); the same bits either way. */
  threads: 1 | 2;
}
