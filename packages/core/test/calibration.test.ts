// The calibration module's statistics: exact binomial intervals against published values, the one-sided "exceeds
// its design" test, power recomputed from a check's own numbers, and the per-check summary over seeds.
import { describe, expect, it } from 'vitest';
import { binomialUpperTail, clopperPearson, exceedsRate } from '../src/calibration/binomial.js';
import { checkKind, passesAlternative, passesPerturbed, perturbedExpected } from '../src/calibration/power.js';
import { calibrateExperiment, summarise } from '../src/calibration/calibrate.js';
import { mergeReport, parseReport, renderCalibrationMarkdown, emptyReport } from '../src/calibration/report.js';
import type { ExperimentResult } from '../src/lab/contract.js';
import { exactCheck, oneSidedCheck, zCheck } from '../src/stats/checks.js';
import { bandResolution, detectableDeviation, resolutionAlternative } from '../src/stats/resolution.js';
import { InvalidArgumentError } from '../src/base/errors.js';
import { normalUpperQuantile } from '../src/stats/significance.js';

describe('Clopper–Pearson', () => {
  it('matches R’s binom.test intervals', () => {
    // binom.test(5, 100)$conf.int, binom.test(0, 10), binom.test(10, 10); 3 of 200 by bisection on exact binomial sums
    const cases: [number, number, number, number][] = [
      [5, 100, 0.0164318, 0.1128349],
      [0, 10, 0, 0.3084971],
      [10, 10, 0.6915029, 1],
      [3, 200, 0.0031041, 0.0432083],
    ];
    for (const [k, n, low, high] of cases) {
      const ci = clopperPearson(k, n);
      expect(ci.low).toBeCloseTo(low, 6);
      expect(ci.high).toBeCloseTo(high, 6);
    }
  });

  it('0 of n at 99 %: the closed form 1 − 0.005^(1/n)', () => {
    expect(clopperPearson(0, 200, 0.99).high).toBeCloseTo(1 - 0.005 ** (1 / 200), 10);
  });

  it('binomial tail against a direct sum', () => {
    const n = 30;
    const p = 0.07;
    const choose = (a: number, b: number) => { let c = 1; for (let i = 0; i < b; i++) c = (c * (a - i)) / (i + 1); return c; };
    for (const k of [0, 1, 2, 5, 12]) {
      let sum = 0;
      for (let j = k; j <= n; j++) sum += choose(n, j) * p ** j * (1 - p) ** (n - j);
      expect(binomialUpperTail(k, n, p)).toBeCloseTo(sum, 12);
    }
  });

  it('rejects impossible counts by name', () => {
    expect(() => clopperPearson(3, 2)).toThrow(InvalidArgumentError);
    expect(() => clopperPearson(1.5, 10)).toThrow(/failures/);
    expect(() => clopperPearson(0, 0)).toThrow(/runs/);
    expect(() => clopperPearson(1, 10, 1)).toThrow(/confidence/);
  });
});

describe('exceeds its design', () => {
  it('at a promised 1/1000 over 200 runs, 3 failures exceed it at 99 % and 2 do not', () => {
    // P(X ≥ 2 | 200, 0.001) = 0.0175; P(X ≥ 3) = 0.00113.
    expect(exceedsRate(2, 200, 1e-3)).toBe(false);
    expect(exceedsRate(3, 200, 1e-3)).toBe(true);
    expect(exceedsRate(0, 200, 0)).toBe(false);
    expect(exceedsRate(1, 200, 0)).toBe(true);
  });
});

describe('power from a check’s own numbers', () => {
  it('a z-check of a mean 1 ± 0.01 fails when the closed form is 1.05, passes at 1.01', () => {
    const c = zCheck('mean', 1, 1.003, 0.01, 4);
    expect(checkKind(c)).toBe('statistical');
    expect(passesPerturbed(c, 0)).toBe(c.pass);
    expect(passesPerturbed(c, 0.05)).toBe(false);
    expect(passesPerturbed(c, 0.01)).toBe(true);
  });

  it('a band around 0 is shifted, not scaled; a wide band is blind to it', () => {
    expect(perturbedExpected(0, 0.05)).toBe(0.05);
    expect(perturbedExpected(20, 0.05)).toBe(21);
    expect(passesPerturbed(exactCheck('narrow', 0, 0.01, 0.02), 0.05)).toBe(false);
    expect(passesPerturbed(exactCheck('wide', 0, 0.01, 0.3), 0.05)).toBe(true);
    expect(checkKind(exactCheck('count', 20, 20))).toBe('exact');
    expect(passesPerturbed(exactCheck('count', 20, 20), 0.05)).toBe(false);
  });

  it('a check that names its wrong answer is judged against it, by its own rule', () => {
    // A flatness band ±0.26 around 0: blind to +0.05, not to the law ∝ √n over a 4× span (log₂ ratio 1), nor to a
    // wrong implementation measured at 0.9; a slope z-check against another run's slope with that run's own stderr.
    const band = exactCheck('flat', 0, 0.04, 0.26);
    expect(passesPerturbed(band, 0.05)).toBe(true);
    expect(passesAlternative(band)).toBeNull();
    expect(passesAlternative({ ...band, alternative: { label: '∝ √n', expected: 1 } })).toBe(false);
    expect(passesAlternative({ ...band, alternative: { label: "SP's run", measured: 0.9 } })).toBe(false);
    expect(passesAlternative({ ...band, alternative: { label: "SP's run, flat too", measured: 0.1 } })).toBe(true);
    const slope = zCheck('slope 1', 1, 0.97, 0.03, 5);
    expect(passesAlternative({ ...slope, alternative: { label: "μP's run", measured: -0.2, stderr: 0.05 } })).toBe(false);
    expect(passesAlternative({ ...slope, alternative: { label: 'close', measured: 0.9, stderr: 0.05 } })).toBe(true);
    const results: ExperimentResult[] = [0.02, -0.1, 0.2].map((m, i) => ({
      id: 'synthetic', question: 'lab', title: 'synthetic', seed: i + 1, params: {}, status: 'complete', values: {}, series: [], tables: [],
      checks: [{ ...exactCheck('flat', 0, m, 0.26), alternative: { label: "SP's run", measured: [0.9, 0.2, 0.5][i]! } }],
    }));
    const s = summarise({ id: 'synthetic', title: 'synthetic' }, null, {}, 1, results);
    expect(s.checks[0]!.perturbation).toBe("SP's run");
    expect(s.checks[0]!.power!.failures).toBe(2);
  });

  it('a one-sided check is recomputed by its own rule, against its alternative with that run’s stderr', () => {
    // "SP grows": slope − 3·stderr ≥ 0.13; μP's flat run (slope 0.02 ± 0.05) in its place fails, a steep one passes.
    const grows = oneSidedCheck('grows', 1, 0.8, { side: 'at-least', bound: 0.13, margin: 3, stderr: 0.1 });
    expect(grows.pass).toBe(true);
    expect(checkKind(grows)).toBe('one-sided');
    expect(passesPerturbed(grows, 0)).toBe(true);
    expect(passesAlternative({ ...grows, alternative: { label: "μP's run", measured: 0.02, stderr: 0.05 } })).toBe(false);
    expect(passesAlternative({ ...grows, alternative: { label: 'steep', measured: 0.9, stderr: 0.05 } })).toBe(true);
    // "Not worse": μP − SP ≤ 0 with 3 standard errors of benefit of the doubt.
    const notWorse = oneSidedCheck('not worse', 0, 0.02, { side: 'at-most', bound: 0, margin: -3, stderr: 0.01 });
    expect(notWorse.pass).toBe(true);
    expect(notWorse.tolerance).toBeCloseTo(0.03, 12);
    expect(passesAlternative({ ...notWorse, alternative: { label: 'worse', measured: 0.05 } })).toBe(false);
    const results: ExperimentResult[] = [0.8, 0.6, 0.2].map((m, i) => ({
      id: 'synthetic', question: 'lab', title: 'synthetic', seed: i + 1, params: {}, status: 'complete', values: {}, series: [], tables: [],
      checks: [{ ...oneSidedCheck('grows', 1, m, { side: 'at-least', bound: 0.13, margin: 3, stderr: 0.1 }), alternative: { label: "μP's run", measured: 0.02, stderr: 0.05 } }],
    }));
    const s = summarise({ id: 'synthetic', title: 'synthetic' }, null, {}, 1, results);
    expect(s.checks[0]!.kind).toBe('one-sided');
    expect(s.checks[0]!.falseAlarms.failures).toBe(1);
    expect(s.checks[0]!.notRecomputable).toBe(0);
    expect(s.checks[0]!.power!.failures).toBe(3);
    expect(s.checks[0]!.worstUse).toBeNull();
    expect(renderCalibrationMarkdown({ format: 'hw3-calibration/1', experiments: [{ ...s, ranAt: 'now', commit: null }] })).toContain('| one-sided |');
  });

  it('a check that cannot resolve ×1.05 names the error it detects with 90 % power', () => {
    // (zMax + Φ⁻¹(0.9))·stderr: 5 + 1.2816 standard errors; at 50 % the half-width itself.
    expect(detectableDeviation(1, 5)).toBeCloseTo(6.2816, 3);
    expect(detectableDeviation(1, 5, 0.5)).toBeCloseTo(5, 6);
    expect(resolutionAlternative(2, 0.001, 5, 'n samples')).toBeUndefined();
    const alt = resolutionAlternative(2, 0.0436, 5, '200000 samples')!;
    expect(alt.expected! / 2 - 1).toBeCloseTo((6.2816 * 0.0436) / 2, 3);
    expect(alt.label).toMatch(/^closed form ×1\.14: the smallest error it detects with 90 % power at 200000 samples \(50 % at ×1\.11/);
    // A z-check at exactly that error fails about 90 % of the time: its z is then centred 1.28 beyond zMax.
    const trials = 4000;
    let fails = 0;
    for (let i = 0; i < trials; i++) {
      const u = (i + 0.5) / trials;
      const normal = normalUpperQuantile(u);
      const measured = 2 + 0.0436 * normal;
      if (!passesAlternative({ ...zCheck('mean', 2, measured, 0.0436, 5), alternative: alt })) fails++;
    }
    expect(fails / trials).toBeCloseTo(0.9, 2);
    // A band over points: the most precise point decides, never below ×1.05.
    expect(bandResolution([{ expected: 10, designStderr: 1 }, { expected: 10, designStderr: 0.2 }], 5)).toBeCloseTo(0.62816 / 5, 4);
    expect(bandResolution([{ expected: 10, designStderr: 0.001 }], 5)).toBe(0.05);
  });

  it('summarises a synthetic check over seeds: false alarms, power, seed-independence', () => {
    // A statistical check whose z is seed-dependent: fails on 2 of 40 seeds; an exact count never fails.
    const results: ExperimentResult[] = Array.from({ length: 40 }, (_, i) => {
      const seed = i + 1;
      const z = seed % 20 === 0 ? 4.5 : ((seed % 7) - 3) / 2;
      return {
        id: 'synthetic', question: 'lab', title: 'synthetic', seed, params: {}, status: 'complete', values: {}, series: [], tables: [],
        checks: [zCheck('mean', 1, 1 + 0.005 * z, 0.005, 4), exactCheck('count', 20, 20), exactCheck('blind band', 0, 0.01, 0.5)],
      };
    });
    const s = summarise({ id: 'synthetic', title: 'synthetic' }, null, {}, 1, results);
    expect(s.anyFailure.failures).toBe(2);
    expect(s.failingSeeds).toEqual([20, 40]);
    const [mean, count, blind] = s.checks;
    expect(mean!.falseAlarms.failures).toBe(2);
    expect(mean!.exceedsDesign).toBe(true); // 2 of 40 against 1/1000: P(X ≥ 2) = 7.8e-4
    expect(mean!.power!.failures).toBe(40);
    expect(count!.kind).toBe('exact');
    expect(count!.deterministic).toBe(true);
    expect(count!.promised).toBe(0);
    expect(count!.power!.failures).toBe(40);
    expect(blind!.power!.failures).toBe(0);
    const md = renderCalibrationMarkdown(mergeReport(emptyReport(), [{ ...s, ranAt: '2026-01-01T00:00:00Z', commit: null }]));
    expect(md).toContain('**exceeds design**');
    expect(md).toContain('blind to the perturbation');
  });
});

describe('extending a calibration by the seeds that follow', () => {
  const run = (seed: number): ExperimentResult => {
    const z = seed % 20 === 0 ? 4.5 : ((seed % 7) - 3) / 2;
    return {
      id: 'synthetic', question: 'lab', title: 'synthetic', seed, params: { n: 1 }, status: 'complete', values: {}, series: [], tables: [],
      checks: [zCheck('mean', 1, 1 + 0.005 * z, 0.005, 4), exactCheck('count', 20, 20)],
    };
  };
  const seeds = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => run(first + i));
  const entry = (first: number, last: number, ranAt: string, commit: string) => ({
    ...summarise({ id: 'synthetic', title: 'synthetic' }, null, { n: 1 }, first, seeds(first, last), 0.05, 1000 * (last - first + 1)),
    ranAt,
    commit,
  });

  it('seeds 1–25 then 26–40 give the counts, intervals and verdicts of seeds 1–40 at once, and list both sittings', () => {
    const whole = entry(1, 40, 'c', 'c');
    const merged = mergeReport(mergeReport(emptyReport(), [entry(1, 25, 'a', 'aaa')]), [entry(26, 40, 'b', 'bbb')]).experiments;
    expect(merged).toHaveLength(1);
    const m = merged[0]!;
    expect({ ...m, ranAt: 'c', commit: 'c', parts: undefined }).toEqual({ ...whole, parts: undefined });
    expect(m.parts!.map((p) => [p.firstSeed, p.seeds, p.commit])).toEqual([[1, 25, 'aaa'], [26, 15, 'bbb']]);
    const md = renderCalibrationMarkdown({ format: 'hw3-calibration/1', experiments: merged });
    expect(md).toContain('seeds 1–40; seeds 1–25 ran a on aaa in 25 s; seeds 26–40 ran b on bbb in 15 s.');
    expect(md).toContain('hw3 calibrate synthetic --seeds 40 --first-seed 1');
  });

  it('replaces rather than extends a range that does not follow, or that ran other parameters', () => {
    const gap = mergeReport(mergeReport(emptyReport(), [entry(1, 25, 'a', 'a')]), [entry(27, 40, 'b', 'b')]).experiments[0]!;
    expect([gap.firstSeed, gap.seeds, gap.parts]).toEqual([27, 14, undefined]);
    const other = { ...entry(26, 40, 'b', 'b'), params: { n: 2 } };
    const replaced = mergeReport(mergeReport(emptyReport(), [entry(1, 25, 'a', 'a')]), [other]).experiments[0]!;
    expect([replaced.firstSeed, replaced.seeds]).toEqual([26, 15]);
  });
});

describe('calibrateExperiment', () => {
  it('runs a fast experiment over seeds, the same whatever the concurrency', async () => {
    const one = await calibrateExperiment({ experiment: 'remat', seeds: 3 });
    const two = await calibrateExperiment({ experiment: '4b', seeds: 3 }, { concurrency: 2 });
    expect(one.seeds).toBe(3);
    expect({ ...one, elapsedMs: 0 }).toEqual({ ...two, elapsedMs: 0 });
    expect(one.checks.every((c) => c.kind !== 'statistical' && c.deterministic && c.power!.failures === 3)).toBe(true);
  }, 60_000);

  it('names the bad parameter', async () => {
    await expect(calibrateExperiment({ experiment: 'nope', seeds: 3 })).rejects.toThrow(/experiment/);
    await expect(calibrateExperiment({ experiment: 'remat', seeds: 0 })).rejects.toThrow(/seeds/);
    await expect(calibrateExperiment({ experiment: 'remat', seeds: 2, preset: 'nope' })).rejects.toThrow(/preset/);
    await expect(calibrateExperiment({ experiment: 'remat', seeds: 2, delta: 2 })).rejects.toThrow(/delta/);
    expect(() => parseReport({ format: 'other' })).toThrow(/report/);
  });

  it("--preset default runs the experiment's defaults, and the report's command line says so", async () => {
    const defaults = await calibrateExperiment({ experiment: 'remat', seeds: 1, preset: 'default' });
    expect(defaults.preset).toBeNull();
    // coord-check's plan picks its quick preset: an entry on its defaults must print --preset default to reproduce.
    const entry = { ...defaults, id: 'coord-check', ranAt: '2026-01-01T00:00:00Z', commit: null };
    expect(renderCalibrationMarkdown(mergeReport(emptyReport(), [entry]))).toContain('hw3 calibrate coord-check --seeds 1 --first-seed 1 --preset default');
  }, 60_000);
});

