// The claim checker: a claimed formula against measurements over a question's grid.
import { CancelledError, InvalidArgumentError } from '../base/errors.js';
import { FAMILY_ALPHA, familyThreshold, sidakLevel } from '../stats/significance.js';
import { createRng, checkSeed } from '../base/rng.js';
import type { CheckClaimOptions, ClaimEvidence, ClaimMeasurement, ClaimPoint, ClaimQuestion, ClaimResolution, ClaimResult } from './api.js';
import { compileClaimFormula } from '../formula/claim.js';
import { getClaimQuestion } from './registry.js';

/** Exact questions: agreement up to this relative rounding (|claimed − measured| ≤ tol·max(1, |measured|)). */
export const EXACT_RELATIVE_TOLERANCE = 1e-9;

// Measurements are deterministic in (question, seed, point), so they are kept: checking a second formula is instant.
const cache = new Map<string, ClaimMeasurement>();
const CACHE_LIMIT = 2000;

function describePoint(point: ClaimPoint): string {
  return Object.entries(point)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

const percent = (x: number) => (x >= 0.01 ? `${(100 * x).toFixed(1)} %` : x >= 1e-4 ? `${(100 * x).toFixed(3)} %` : `${(100 * x).toExponential(1)} %`);

/** The smallest relative deviation the evidence would reveal (see ClaimResolution): min over points of allowance/|measured|. */
export function claimResolution(evidence: readonly ClaimEvidence[], statistical: boolean): ClaimResolution {
  let best: { relative: number; point: ClaimPoint } | null = null;
  for (const e of evidence) {
    if (e.measured === 0) continue;
    const allowance = statistical ? e.threshold * e.stderr : e.threshold;
    const relative = allowance / Math.abs(e.measured);
    if (best === null || relative < best.relative) best = { relative, point: e.point };
  }
  if (best === null) return { relative: null, point: null, description: 'no point has a non-zero measurement, so no relative deviation can be resolved' };
  const where = describePoint(best.point);
  return {
    relative: best.relative,
    point: best.point,
    description: statistical
      ? `at this budget deviations below ${percent(best.relative)} cannot be detected (the most precise point, ${where}, allows ±${percent(best.relative)}: threshold × standard error)`
      : `exact: any deviation above ${percent(best.relative)} (rounding) is detected`,
  };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Checks a claimed formula for a question's quantity. The formula is evaluated at every grid point (or, when it is a
 * plain number and the question has a homework setting, there only) and compared with the measurement there:
 * exactly for deterministic questions; for Monte Carlo ones, refuted when some |z| = |measured − claimed|/stderr
 * exceeds the Šidák threshold that keeps the chance of refuting a true formula anywhere on the grid at `alpha`
 * (Student t with trials − 1 degrees of freedom).
 * @example await checkClaim({ question: '1b', formula: 'd1*(1-2/pi+2*d1/pi)' }) // verdict 'consistent'
 * @throws InvalidArgumentError for an unknown question, a bad seed or alpha; FormulaError for a rejected formula;
 *   CancelledError when `signal` aborts (its `partial` is the result over the points measured so far).
 */
export async function checkClaim(options: CheckClaimOptions): Promise<ClaimResult>;
/** Shorthand: `checkClaim('1b', 'd1')` is `checkClaim({ question: '1b', formula: 'd1', ...rest })`. */
export async function checkClaim(question: string, formula: string, rest?: Omit<CheckClaimOptions, 'question' | 'formula'>): Promise<ClaimResult>;
export async function checkClaim(
  first: CheckClaimOptions | string,
  formulaArg?: string,
  rest: Omit<CheckClaimOptions, 'question' | 'formula'> = {},
): Promise<ClaimResult> {
  const options: CheckClaimOptions = typeof first === 'string' ? { ...rest, question: first, formula: formulaArg as string } : first;
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', options, 'an object');
  const question: ClaimQuestion = getClaimQuestion(String(options.question));
  const formula = compileClaimFormula(options.formula, question.variables.map((v) => v.name));
  const seed = options.seed ?? 1;
  checkSeed('seed', seed);
  const alpha = options.alpha ?? FAMILY_ALPHA;
  if (!(typeof alpha === 'number' && alpha > 0 && alpha < 0.5)) throw new InvalidArgumentError('alpha', alpha, 'a number in (0, 0.5)');
  const { signal, onProgress } = options;

  const notes: string[] = [];
  // Point i of the grid always uses stream i of the seed (the homework point, when off the grid, stream grid.length),
  // so every formula is compared with the same measurements.
  let todo = question.grid.map((point, index) => ({ point, index }));
  const home = question.homeworkPoint;
  if (formula.variables.length === 0 && home) {
    const index = question.grid.findIndex((p) => describePoint(p) === describePoint(home));
    todo = [{ point: index >= 0 ? question.grid[index]! : home, index: index >= 0 ? index : question.grid.length }];
    notes.push(
      `a plain number: checked at the homework's setting (${describePoint(home)}) only; ` +
        `write a formula in ${question.variables.map((v) => v.name).join(', ')} to check it in general`,
    );
  } else if (question.gridNote) {
    notes.push(`grid: ${question.gridNote}`);
  }
  const m = todo.length;
  const statistical = question.kind === 'statistical';
  const threshold: ClaimResult['threshold'] = statistical
    ? {
        familyAlpha: alpha,
        perPointAlpha: sidakLevel(alpha, m),
        description: `refuted when any |z| exceeds the Šidák threshold for ${m} points at family-wise α = ${alpha} (Student t, trials − 1 degrees of freedom)`,
      }
    : { relativeTolerance: EXACT_RELATIVE_TOLERANCE, description: `exact: refuted when claimed ≠ measured at any point (relative rounding ${EXACT_RELATIVE_TOLERANCE})` };

  const evidence: ClaimEvidence[] = [];
  const result = (status: ClaimResult['status']): ClaimResult => {
    const undefinedAt = evidence.filter((e) => e.claimed === null).length;
    const extra = undefinedAt > 0 ? [`the formula is not a finite number at ${undefinedAt} point(s)`] : [];
    if (status === 'cancelled') extra.push(`cancelled after ${evidence.length} of ${m} points: the verdict covers those only`);
    return {
      question: question.question,
      claim: formula.text,
      parsed: formula.normalized,
      quantity: question.quantity,
      verdict: evidence.every((e) => e.agrees) ? 'consistent' : 'refuted',
      kind: question.kind,
      evidence: [...evidence],
      threshold,
      seed,
      notes: [...notes, ...extra],
      status,
      resolution: claimResolution(evidence, statistical),
    };
  };

  const base = createRng(seed);
  for (const { point, index } of todo) {
    if (signal?.aborted) throw new CancelledError(`checking ${question.question}`, result('cancelled'));
    const rng = base.stream(index);
    const key = `${question.question}|${seed}|${describePoint(point)}`;
    let measurement = cache.get(key);
    if (!measurement) {
      measurement = await question.measure(point, { rng, ...(signal ? { signal } : {}) });
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(key, measurement);
      if (statistical) await yieldToEventLoop();
    }
    const claimedRaw = formula.evaluate(point);
    const claimed = Number.isFinite(claimedRaw) ? claimedRaw : null;
    const stderr = measurement.stderr ?? 0;
    if (statistical) {
      const limit = familyThreshold(m, measurement.trials !== undefined ? measurement.trials - 1 : Infinity, alpha);
      const z = claimed === null ? null : stderr > 0 ? (measurement.measured - claimed) / stderr : measurement.measured === claimed ? 0 : Infinity;
      evidence.push({
        point,
        claimed,
        measured: measurement.measured,
        stderr,
        z: z === null || Number.isFinite(z) ? z : Math.sign(z) * Number.MAX_VALUE,
        ...(measurement.trials !== undefined ? { trials: measurement.trials } : {}),
        threshold: limit,
        agrees: z !== null && Math.abs(z) <= limit,
      });
    } else {
      const tolerance = EXACT_RELATIVE_TOLERANCE * Math.max(1, Math.abs(measurement.measured));
      evidence.push({
        point,
        claimed,
        measured: measurement.measured,
        stderr: 0,
        z: null,
        threshold: tolerance,
        agrees: claimed !== null && Math.abs(claimed - measurement.measured) <= tolerance,
      });
    }
    onProgress?.({ fraction: evidence.length / m, message: describePoint(point) });
  }
  if (signal?.aborted) throw new CancelledError(`checking ${question.question}`, result('cancelled'));
  return result('complete');
}

/** Forgets cached measurements (tests; memory). */
export function clearClaimCache(): void {
  cache.clear();
}
