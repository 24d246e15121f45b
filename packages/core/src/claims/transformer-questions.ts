// Claim questions 2a-sp and 2a-mup (TP5 Figure 1 on Transformers): how far the optimal log₂ learning rate moves when
// a Transformer is made wider, under SP and under μP — e.g. "SP's optimum shifts by −log2(n/16)", "μP's by 0". Each
// point trains a small sweep (two widths × a log₂ LR grid × seeds, Adam, on the Markov language task) through the same
// cells and pool as transformer-lr-transfer; each seed's shift is the difference of its two sub-grid optima, and the
// measurement is their mean with its standard error over seeds (Student t with seeds − 1 degrees of freedom).
import type { TransformerParameterizationId } from '../transformer/api.js';
import { runCells } from '../mup/pool.js';
import { transformerRunner } from '../experiments/transformer-pool.js';
import { log2Grid, meanStderr, SweepTable, sweepCells, type SweepPlan } from '../experiments/transformer-sweep.js';
import type { ClaimMeasureContext, ClaimPoint, ClaimQuestion } from './api.js';

/** The narrow width every shift is measured from (the base width of μP). */
export const CLAIM_BASE_WIDTH = 16;
const SEEDS = 8;

/** The small sweep behind one point: 1 block, 16 positions, batch 8, 60 Adam steps, log₂ LR −11 … −2. */
function planAt(pz: TransformerParameterizationId, width: number): SweepPlan {
  return {
    task: 'markov-lm',
    heads: 2,
    layers: 1,
    mlpRatio: 4,
    seqLen: 16,
    batchSize: 8,
    widths: [CLAIM_BASE_WIDTH, width],
    baseWidth: CLAIM_BASE_WIDTH,
    log2Lrs: log2Grid(-11, -2),
    parameterizations: [pz],
    seeds: SEEDS,
    steps: 60,
    optimizer: 'adam',
  };
}

function measureShift(pz: TransformerParameterizationId) {
  return async ({ n }: ClaimPoint, { rng, signal }: ClaimMeasureContext) => {
    const plan = planAt(pz, n!);
    // One base seed per point, drawn from the point's own stream: points are independent measurements.
    const results = await runCells(transformerRunner, sweepCells(plan, rng.int(2 ** 31)), signal ? { signal } : {});
    const shifts = meanStderr(new SweepTable(plan, results).seedShifts(pz, CLAIM_BASE_WIDTH, n!));
    if (shifts.mean === null || shifts.stderr === null) throw new Error(`fewer than two seeds bracket the optimum at n = ${n}: widen the LR grid`);
    return { measured: shifts.mean, stderr: shifts.stderr, trials: shifts.n };
  };
}

const VARIABLES = [{ name: 'n', description: `width d_model of the wider Transformer (the narrow one is ${CLAIM_BASE_WIDTH})` }];
const GRID: ClaimPoint[] = [{ n: 32 }, { n: 64 }];
const NOTE = `n ∈ {32, 64}, each against width ${CLAIM_BASE_WIDTH}: 1 block, 2 heads, 16 positions, batch 8, 60 Adam steps, log₂ LR −11…−2, ${SEEDS} seeds (about a minute on 2 cores)`;

/** 2a-sp: SP's optimum shift as a formula in n. */
export const transformerSpShiftQuestion: ClaimQuestion = {
  question: '2a-sp',
  quantity: `shift of the optimal log₂ LR of an SP Transformer (Adam) from width ${CLAIM_BASE_WIDTH} to width n`,
  variables: VARIABLES,
  kind: 'statistical',
  grid: GRID,
  gridNote: NOTE,
  homeworkPoint: { n: 64 },
  measure: measureShift('sp'),
};

/** 2a-mup: μP's optimum shift as a formula in n. */
export const transformerMupShiftQuestion: ClaimQuestion = {
  question: '2a-mup',
  quantity: `shift of the optimal log₂ LR of a μP Transformer (Adam, base width ${CLAIM_BASE_WIDTH}) from width ${CLAIM_BASE_WIDTH} to width n`,
  variables: VARIABLES,
  kind: 'statistical',
  grid: GRID,
  gridNote: NOTE,
  homeworkPoint: { n: 64 },
  measure: measureShift('mup'),
};
