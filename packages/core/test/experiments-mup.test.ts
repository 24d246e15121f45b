// Problem 1's experiments (rms-at-init, signgd-update, fan-in-only): seeded runs pass every check, are reproducible,
// keep finished grid points when cancelled mid-run; the batch closed forms agree with an independent plain-JS
// simulation; the statistics helpers match tabulated values.
import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  createRng,
  expectedLogLogSlopes,
  familyThreshold,
  getExperiment,
  logLogFit,
  measureInitRms,
  measureSigngdRms,
  mupClosedForm,
  normalUpperQuantile,
  passesAlternative,
  runExperiment,
  sidakLevel,
  studentUpperQuantile,
  type ExperimentResult,
} from '@hw3/core';
import { testRandom } from './spine-helpers.js';

const quick = (id: string) => getExperiment(id).presets!.quick!;

describe.each(['rms-at-init', 'signgd-update', 'fan-in-only'])('%s (quick preset)', (id) => {
  it('passes every check with seeds 1 and 2, and the same seed gives the same numbers', async () => {
    const a = await runExperiment(getExperiment(id), quick(id), { seed: 1 });
    const b = await runExperiment(getExperiment(id), quick(id), { seed: 2 });
    const again = await runExperiment(getExperiment(id), quick(id), { seed: 1 });
    for (const r of [a, b]) for (const c of r.checks) expect(c.pass, `${c.name}: z = ${c.z}`).toBe(true);
    expect(again).toStrictEqual(a);
    expect(b.values).not.toStrictEqual(a.values);
    // Power: a check that names the wrong answer it is for (d₁·d₂, the homework's d₁, an aligned fresh input) fails on it.
    const named = a.checks.filter((c) => c.alternative);
    expect(named.length).toBeGreaterThan(0);
    for (const c of named) expect(passesAlternative(c), `${c.name} vs ${c.alternative!.label}`).toBe(false);
  });

  it('cancelled after the first grid point keeps that point', async () => {
    const controller = new AbortController();
    const error = await runExperiment(getExperiment(id), quick(id), { seed: 1, signal: controller.signal, onProgress: () => controller.abort() }).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(CancelledError);
    const partial = (error as CancelledError<ExperimentResult>).partial!;
    expect(partial.status).toBe('cancelled');
    expect(partial.checks.length).toBeGreaterThan(0);
    expect(partial.tables[0]!.rows.length).toBeGreaterThanOrEqual(1);
  });
});

describe('headline values', () => {
  it('1a: slopes 1 and 0 and normalizedMean 1, each within 5 of its standard errors', async () => {
    const r = await runExperiment(getExperiment('1a'), quick('rms-at-init'), { seed: 4 });
    const v = r.values as Record<string, number>;
    expect(Math.abs(v.slopeD1! - 1)).toBeLessThan(5 * v.slopeD1Stderr!);
    expect(Math.abs(v.slopeD2!)).toBeLessThan(5 * v.slopeD2Stderr!);
    expect(Math.abs(v.normalizedMean! - 1)).toBeLessThan(5 * v.normalizedMeanStderr!);
  });

  it('1b: the closed form, not d₁, and the normalized mean 1 + (π/2 − 1)/d₁', async () => {
    const r = await runExperiment(getExperiment('1b'), { ...quick('signgd-update'), batches: [1] }, { seed: 5 });
    const rows = r.tables[0]!.rows;
    for (const row of rows) {
      const [, , d1, , measured, stderr] = row as number[];
      expect(Math.abs(measured! - mupClosedForm.signgdTrain(d1!)) / stderr!).toBeLessThan(5);
      if (d1! >= 16) expect(Math.abs(measured! - d1!) / stderr!).toBeGreaterThan(20); // the wrong answer "d₁" is far off
    }
    const v = r.values as Record<string, number>;
    expect(v.normalizedMeanExpected).toBeCloseTo(1 + (Math.PI / 2 - 1) / 256, 12);
    expect(Math.abs(v.normalizedMean! - v.normalizedMeanExpected!)).toBeLessThan(5 * v.normalizedMeanStderr!);
  });

  it('1c: slopeD2 ≈ 0 for both quantities', async () => {
    const r = await runExperiment(getExperiment('1c'), quick('fan-in-only'), { seed: 6 });
    const v = r.values as Record<string, number>;
    expect(Math.abs(v.slopeD2!)).toBeLessThan(5 * v.slopeD2Stderr!);
    expect(Math.abs(v.slopeD2Signgd!)).toBeLessThan(5 * v.slopeD2SigngdStderr!);
  });
});

// An independent simulation of the batch update in plain JS (its own generator, no kernels): sign(0) never occurs.
function jsBatch(d1: number, d2: number, batch: number, mode: 'sum-of-signs' | 'sign-of-sum', trials: number, seed: number) {
  const rand = testRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  let sum = 0;
  let sum2 = 0;
  for (let t = 0; t < trials; t++) {
    const X = Array.from({ length: batch }, () => Array.from({ length: d1 }, normal));
    const G = Array.from({ length: batch }, () => Array.from({ length: d2 }, normal));
    // dW is (d2, d1)
    const dW = Array.from({ length: d2 }, (_, j) =>
      Array.from({ length: d1 }, (_, k) => {
        if (mode === 'sum-of-signs') return X.reduce((s, x, b) => s + Math.sign(G[b]![j]! * x[k]!), 0);
        return Math.sign(X.reduce((s, x, b) => s + G[b]![j]! * x[k]!, 0));
      }),
    );
    let stat = 0;
    for (const x of X) {
      let rms = 0;
      for (const row of dW) rms += row.reduce((s, w, k) => s + w * x[k]!, 0) ** 2;
      stat += rms / d2;
    }
    stat /= batch;
    sum += stat;
    sum2 += stat * stat;
  }
  const mean = sum / trials;
  return { mean, stderr: Math.sqrt((sum2 / trials - mean * mean) / (trials - 1)) };
}

describe('batch-of-B closed forms', () => {
  it.each([
    [3, 2, 4, 'sum-of-signs'],
    [3, 2, 4, 'sign-of-sum'],
    [8, 3, 2, 'sign-of-sum'],
  ] as const)('d₁=%i, d₂=%i, B=%i, %s: kernels and an independent JS simulation both match the closed form', (d1, d2, batch, mode) => {
    const closed = mupClosedForm.signgdTrain(d1, batch, mode);
    const kernel = measureSigngdRms(createRng(11), d1, d2, 4000, batch, mode).train;
    const js = jsBatch(d1, d2, batch, mode, 4000, 12);
    expect(Math.abs(kernel.mean - closed) / kernel.stderr).toBeLessThan(5);
    expect(Math.abs(js.mean - closed) / js.stderr).toBeLessThan(5);
  });

  it.each([
    [64, 1],
    [16, 4],
  ])('d₁=%i, d₂=%i: the per-trial variance of ‖Wx‖²_rms (fan-in-only’s design standard error) matches the kernels’ spread', (d1, d2) => {
    // Its sample variance has a relative standard error of about √((kurtosis − 1)/n) ≈ 6 % at 20 000 trials.
    const e = measureInitRms(createRng(21), d1, d2, 20_000);
    expect(e.stderr ** 2 * e.trials / mupClosedForm.initVariance(d1, d2)).toBeGreaterThan(0.8);
    expect(e.stderr ** 2 * e.trials / mupClosedForm.initVariance(d1, d2)).toBeLessThan(1.2);
  });

  it('the shared-gradient variant has the same expectations (train and fresh input)', () => {
    const e = measureSigngdRms(createRng(13), 16, 4, 3000, 4, 'sign-of-sum', 'shared');
    expect(Math.abs(e.train.mean - mupClosedForm.signgdTrain(16, 4, 'sign-of-sum')) / e.train.stderr).toBeLessThan(5);
    expect(Math.abs(e.fresh.mean - mupClosedForm.signgdFresh(16, 4, 'sign-of-sum')) / e.fresh.stderr).toBeLessThan(5);
    const s = measureSigngdRms(createRng(14), 16, 4, 3000, 4, 'sum-of-signs', 'shared');
    expect(Math.abs(s.train.mean - mupClosedForm.signgdTrain(16, 4, 'sum-of-signs')) / s.train.stderr).toBeLessThan(5);
    expect(Math.abs(s.fresh.mean - mupClosedForm.signgdFresh(16, 4, 'sum-of-signs')) / s.fresh.stderr).toBeLessThan(5);
  });

  it('B = 1 reduces to the homework formula in both modes', () => {
    for (const mode of ['sum-of-signs', 'sign-of-sum'] as const) {
      expect(mupClosedForm.signgdTrain(7, 1, mode)).toBeCloseTo(7 * (1 - 2 / Math.PI + (2 * 7) / Math.PI), 10);
    }
  });
});

describe('statistics helpers', () => {
  it('normal and Student-t quantiles match tables', () => {
    expect(normalUpperQuantile(0.025)).toBeCloseTo(1.959964, 5);
    expect(normalUpperQuantile(1e-6)).toBeCloseTo(4.753424, 5);
    expect(studentUpperQuantile(0.025, 7)).toBeCloseTo(2.364624, 5);
    expect(studentUpperQuantile(0.025, 30)).toBeCloseTo(2.042272, 5);
    expect(studentUpperQuantile(0.0005, 10)).toBeCloseTo(4.586894, 4);
  });

  it('Šidák: m checks at the per-check level have family-wise level α; one check is the plain two-sided quantile', () => {
    const per = sidakLevel(0.001, 25);
    expect(1 - (1 - per) ** 25).toBeCloseTo(0.001, 12);
    expect(familyThreshold(1, Infinity, 0.05)).toBeCloseTo(1.959964, 5);
    expect(familyThreshold(25, 7)).toBeGreaterThan(familyThreshold(25, 1000));
  });

  it('log–log fit recovers exact power laws and gives the two-point slope its delta-method standard error', () => {
    const pts = [1, 4, 16, 64].flatMap((a) => [2, 8].map((b) => ({ x: [a, b], mean: 3 * a ** 1.5 * b ** -0.25, stderr: 0.01 * a })));
    const fit = logLogFit(pts);
    expect(fit.slopes[0]).toBeCloseTo(1.5, 10);
    expect(fit.slopes[1]).toBeCloseTo(-0.25, 10);
    const two = logLogFit([
      { x: [10], mean: 100, stderr: 3 },
      { x: [100], mean: 1000, stderr: 40 },
    ]);
    expect(two.slopes[0]).toBeCloseTo(1, 12);
    expect(two.slopeStderrs[0]).toBeCloseTo(Math.hypot(0.03, 0.04) / Math.log(10), 10);
    expect(expectedLogLogSlopes(two.slopes.length ? [{ x: [1000], mean: 1, stderr: 0.1 }, { x: [2000], mean: 1, stderr: 0.1 }] : [], ([d]) => d! ** 2)[0]).toBeCloseTo(2, 10);
  });
});
