// The estimator experiments (quick presets): every check passes, results are plain JSON and reproducible, bad
// parameters are typed errors, cancellation keeps the finished part; the claim checker's question 3.
import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  checkClaim,
  experiments,
  findClaimQuestion,
  findExperiment,
  getExperiment,
  InvalidArgumentError,
  ParamError,
  runExperiment,
  type ExperimentResult,
} from '@hw3/core';

const IDS = ['estimators', 'estimators-general', 'estimator-variance-figure'] as const;

describe('registry', () => {
  it('lists 3a–3c and 3d–3e between 1c and 4a–4c, and the figure as a lab after them', () => {
    const ids = experiments.map((e) => e.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at('estimators')).toBeGreaterThan(-1);
    expect(at('estimators-general')).toBe(at('estimators') + 1);
    expect(at('remat')).toBeGreaterThan(at('estimators-general'));
    expect(at('estimator-variance-figure')).toBeGreaterThan(at('remat'));
    if (at('fan-in-only') >= 0) expect(at('fan-in-only')).toBeLessThan(at('estimators'));
    for (const [part, id] of [['3a', 'estimators'], ['3c', 'estimators'], ['3d', 'estimators-general'], ['3e', 'estimators-general']]) expect(findExperiment(part!)?.id).toBe(id);
  });
});

describe('estimators: the sweeps', () => {
  it('check each estimator at every k and σ, and say what |z| the closed form × 1.05 would have given', async () => {
    const r = await runExperiment(getExperiment('estimators'), getExperiment('estimators').presets!.quick, { seed: 2 });
    const sweeps = r.checks.filter((c) => c.name.includes('of the sweep'));
    expect(sweeps.map((c) => c.name.split(':')[0])).toEqual(['score function', 'pathwise', 'score function', 'pathwise']);
    for (const c of sweeps) {
      expect(c.alternative?.label).toMatch(/^closed form × 1\.05 at every (k|sigma)$/);
      // The largest |z| against the perturbed curve, recomputed point by point (how often it exceeds 5 is the power).
      expect(Number.isFinite(c.alternative!.measured)).toBe(true);
    }
  });
});

describe('estimators: what each mean check can see', () => {
  it('checks the no-baseline run once (part 1), and a mean it cannot resolve at ×1.05 names the bias it can', async () => {
    const r = await runExperiment(getExperiment('estimators'), getExperiment('estimators').presets!.quick, { seed: 3 });
    expect(r.checks.some((c) => c.name.startsWith('baseline none'))).toBe(false);
    const sfMean = r.checks.find((c) => c.name === 'score function ∂/∂μ₁: mean = true gradient')!;
    // k = 8, μ = 1, σ = 1: Var = 380; at 20 000 samples √(380/20 000) = 0.138, so 90 % power at (5 + 1.28)·0.138/2 = 43 %.
    expect(sfMean.alternative!.expected! / sfMean.expected - 1).toBeCloseTo((6.2816 * Math.sqrt(380 / 20_000)) / 2, 3);
    expect(sfMean.alternative!.label).toContain('90 % power at 20000 samples');
    // The pathwise mean resolves ×1.05 (Var 4): it is measured there.
    expect(r.checks.find((c) => c.name === 'pathwise ∂/∂μ₁: mean = true gradient')!.alternative).toBeUndefined();
    const table = r.tables.find((t) => t.title.startsWith('Score-function baselines'))!;
    expect(table.rows[0]![3]).toBe(r.tables[0]!.rows[0]![3]);
  });
});

describe.each(IDS)('%s (quick)', (id) => {
  let result: ExperimentResult;
  it('runs with every check passing', async () => {
    const e = getExperiment(id);
    result = await runExperiment(e, e.presets!.quick, { seed: 2 });
    expect(result.status).toBe('complete');
    expect(result.checks.length).toBeGreaterThan(3);
    for (const c of result.checks) expect(c.pass, `${c.name}: expected ${c.expected}, measured ${c.measured}, z ${c.z}`).toBe(true);
  });
  it('is plain JSON (no NaN or Infinity) and reproducible', async () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    const again = await runExperiment(getExperiment(id), getExperiment(id).presets!.quick, { seed: 2 });
    expect(again).toEqual(result);
  });
});

describe('estimator experiments: parameters and cancellation', () => {
  it('rejects bad parameters with typed errors', async () => {
    await expect(runExperiment(getExperiment('estimators'), { dim: 0 })).rejects.toBeInstanceOf(ParamError);
    await expect(runExperiment(getExperiment('estimator-variance-figure'), { kMin: 2, kMax: 1 })).rejects.toBeInstanceOf(ParamError);
    const bad = await runExperiment(getExperiment('estimators-general'), { formula: 'x; exit()' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidArgumentError);
    expect((bad as InvalidArgumentError).param).toBe('formula');
    const log0 = await runExperiment(getExperiment('estimators-general'), { formula: 'log(x)', samples: 1000 }).catch((e: unknown) => e);
    expect((log0 as InvalidArgumentError).param).toBe('formula');
  });

  it('a user formula runs through symbolic differentiation and quadrature', async () => {
    const r = await runExperiment(getExperiment('estimators-general'), { formula: 'exp(-x) + cos(2x)', samples: 20_000 }, { seed: 3 });
    for (const c of r.checks) expect(c.pass, c.name).toBe(true);
    expect(r.tables.find((t) => t.title === 'Cost')!.rows[0]![1]).toMatch(/sin/);
  });

  it('cancelling keeps what finished', async () => {
    const controller = new AbortController();
    const e = getExperiment('estimator-variance-figure');
    const error = await runExperiment(e, e.presets!.quick, {
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => p.fraction > 0.3 && controller.abort(),
    }).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(CancelledError);
    const partial = (error as CancelledError<ExperimentResult>).partial!;
    expect(partial.status).toBe('cancelled');
    expect(partial.series.length).toBeGreaterThan(0);
  });
});

describe('claim checker, question 3', () => {
  it('is registered with variables k, sigma, mu', () => {
    expect(findClaimQuestion('3')?.variables.map((v) => v.name)).toEqual(['k', 'sigma', 'mu']);
    expect(findClaimQuestion('3-pathwise')).toBeDefined();
  });
  it('accepts the derived score-function variance and refutes a dropped term', async () => {
    const right = await checkClaim('3', '(k*mu^2)^2/sigma^2 + 2*(k+4)*k*mu^2 + 4*mu^2 + sigma^2*(k+2)*(k+4)');
    expect(right.verdict).toBe('consistent');
    const wrong = await checkClaim('3', '(k*mu^2)^2/sigma^2 + 2*(k+4)*k*mu^2 + sigma^2*(k+2)*(k+4)');
    expect(wrong.verdict).toBe('refuted');
    expect((await checkClaim('3-pathwise', '4*sigma^2')).verdict).toBe('consistent');
    expect((await checkClaim('3-pathwise', '4*sigma^2*k')).verdict).toBe('refuted');
  });
});
