// Claim questions 4a–4c (rematerialization): exact counts from the simulator on chains where k divides n (the
// homework's setting; rematClosedForm covers the rest), at two cost models so that a formula using the wrong cost fails.
import { simulateRemat } from '../base/remat.js';
import type { ClaimPoint, ClaimQuestion, ClaimVariable } from './api.js';

const VARIABLES: ClaimVariable[] = [
  { name: 'n', description: 'chain length (layers)' },
  { name: 'k', description: 'every k-th activation is stored' },
  { name: 'fwdNs', description: 'cost of one forward step (ns)' },
  { name: 'loadmemNs', description: 'cost of one read of a stored activation (ns)' },
];

const COSTS = [
  { fwdNs: 20, loadmemNs: 10 },
  { fwdNs: 3, loadmemNs: 7 },
];
const GRID: ClaimPoint[] = [1, 2, 6, 10, 12, 30].flatMap((n) =>
  Array.from({ length: n }, (_, i) => i + 1)
    .filter((k) => n % k === 0)
    .flatMap((k) => COSTS.map((c) => ({ n, k, ...c }))),
);
const HOMEWORK: ClaimPoint = { n: 10, k: 5, fwdNs: 20, loadmemNs: 10 };
const NOTE = 'every (n, k) with k dividing n for n ∈ {1, 2, 6, 10, 12, 30}, at (fwdNs, loadmemNs) = (20, 10) and (3, 7)';

function simulate({ n, k, fwdNs, loadmemNs }: ClaimPoint) {
  return simulateRemat({ layers: n!, every: k!, fwdNs: fwdNs!, loadmemNs: loadmemNs! });
}

const base = { variables: VARIABLES, kind: 'exact' as const, grid: GRID, gridNote: NOTE, homeworkPoint: HOMEWORK };

/** Claim question 4a: fwd count in n, k, fwdNs, loadmemNs (exact, simulated). */
export const rematFwdQuestion: ClaimQuestion = {
  ...base,
  question: '4a',
  quantity: 'forward steps (fwd) in one backward pass, storing every k-th of n activations',
  measure: (point) => ({ measured: simulate(point).fwd }),
};

/** Claim question 4b: loadmem count in n, k, fwdNs, loadmemNs (exact, simulated). */
export const rematLoadmemQuestion: ClaimQuestion = {
  ...base,
  question: '4b',
  quantity: 'loadmem operations in one backward pass, storing every k-th of n activations',
  measure: (point) => ({ measured: simulate(point).loadmem }),
};

/** Claim question 4c: break-even loaddisk ns in n, k, fwdNs, loadmemNs (exact, simulated). */
export const rematBreakEvenQuestion: ClaimQuestion = {
  ...base,
  question: '4c',
  quantity: 'loaddisk time (ns) at which storing every activation on disk breaks even with rematerialization',
  measure: (point) => ({ measured: simulate(point).breakEvenLoaddiskNs }),
};
