// ‖W‖_* by Lanczos (certified by its residual bound) and the Tracy–Widom edge law of a Gaussian init, and the spectral
// experiment's edge checks on the seeds that failed the old fixed 10 % band (19, 23, 24, 26, 27, 31 of 1–40).
import { describe, expect, it } from 'vitest';
import { topSingularValue } from '../src/mup/lanczos.js';
import { gaussianEdgeLaw, TRACY_WIDOM_1 } from '../src/mup/spectral-edge.js';
import { spectralExperiment } from '../src/experiments/spectral.js';
import { runExperiment } from '../src/lab/run.js';
import { passesPerturbed } from '../src/calibration/power.js';
import { RunningStats } from '../src/stats/running-stats.js';
import { fillNormal } from '../src/base/random-fills.js';
import { Rng } from '../src/base/rng.js';

describe('topSingularValue (Lanczos)', () => {
  it('is exact on a rank-one matrix and on a diagonal one, in float64', () => {
    const u = [1, -2, 2];
    const v = [3, 0, 4, 0];
    const W = new Float64Array(12).map((_, i) => u[Math.floor(i / 4)]! * v[i % 4]!);
    expect(topSingularValue(W, 3, 4, Rng.fromSeed(1)).sigma).toBeCloseTo(3 * 5, 12);
    const D = new Float64Array(25);
    [0.5, 3, 2.999, 1, 0.1].forEach((d, i) => (D[i * 5 + i] = d));
    const r = topSingularValue(D, 5, 5, Rng.fromSeed(2));
    expect(r.sigma).toBeCloseTo(3, 12);
    expect(r.residual).toBeLessThanOrEqual(1e-10 * 9);
  });

  it('agrees with 3000 power-iteration steps on a 60 × 40 Gaussian matrix and certifies itself', () => {
    const W = new Float64Array(60 * 40);
    fillNormal(W, { rng: Rng.fromSeed(5) });
    const r = topSingularValue(W, 60, 40, Rng.fromSeed(6));
    let x = new Float64Array(40).fill(1);
    let s = 0;
    for (let it = 0; it < 3000; it++) {
      const y = new Float64Array(60);
      for (let i = 0; i < 60; i++) for (let j = 0; j < 40; j++) y[i] = y[i]! + W[i * 40 + j]! * x[j]!;
      s = Math.hypot(...y);
      const z = new Float64Array(40);
      for (let j = 0; j < 40; j++) for (let i = 0; i < 60; i++) z[j] = z[j]! + W[i * 40 + j]! * y[i]!;
      const n = Math.hypot(...z);
      x = z.map((t) => t / n);
    }
    expect(r.sigma).toBeCloseTo(s, 8);
    expect(r.residual / r.sigma ** 2).toBeLessThanOrEqual(1e-10);
  });

  it('names bad arguments', () => {
    expect(() => topSingularValue(new Float32Array(4), 0, 4, Rng.fromSeed(1))).toThrow(/rows/);
    expect(() => topSingularValue(new Float32Array(4), 2, 2, Rng.fromSeed(1), { tolerance: 2 })).toThrow(/tolerance/);
  });
});

describe('gaussianEdgeLaw', () => {
  it('predicts the mean and spread of ‖W‖_* for 10 × 128 Gaussian matrices (400 draws, 5σ)', () => {
    const law = gaussianEdgeLaw(1, 10, 128);
    expect(law.mean / law.leading - 1).toBeCloseTo(-0.038, 3); // the leading order is 4 % high here
    const ratios = new RunningStats();
    const rng = Rng.fromSeed(77);
    const W = new Float64Array(10 * 128);
    for (let d = 0; d < 400; d++) {
      fillNormal(W, { rng });
      ratios.push(topSingularValue(W, 10, 128, rng).sigma / law.mean);
    }
    expect(Math.abs(ratios.mean - 1)).toBeLessThanOrEqual(5 * ratios.stderr);
    // sd: within 25 % (the sd of a sample sd over 400 draws is ≈ 3.5 %)
    expect(Math.sqrt(ratios.variance) / (law.sd / law.mean)).toBeGreaterThan(0.75);
    expect(Math.sqrt(ratios.variance) / (law.sd / law.mean)).toBeLessThan(1.25);
    expect(TRACY_WIDOM_1.mean).toBeCloseTo(-1.2065, 4);
  }, 60_000);
});

describe('spectral: the init edge checks', () => {
  // The widths that carried the failures (10 × 128 readout), with the default 4 initialisations per width.
  const small = { widths: [128, 256, 512], seeds: 4 };
  // Power: W1 and W2 (per-draw spread ≤ 1.6 %) fail with the closed form 5 % off; the 10 × n readout (3.4 % per draw,
  // 12 draws, t threshold ≈ 6) resolves about 6 % here, so it is shown failing at 10 %.
  it.each([19, 23, 24, 26, 27, 31])('pass on seed %i, and fail with the closed form off by 5 % (10 % for W3)', async (seed) => {
    const r = await runExperiment(spectralExperiment, small, { seed });
    const edge = r.checks.filter((c) => c.name.includes('Tracy–Widom'));
    expect(edge).toHaveLength(3);
    for (const c of edge) {
      expect(c.pass, `${c.name}: z ${c.z}`).toBe(true);
      const off = c.name.startsWith('W3') ? 0.1 : 0.05;
      expect(passesPerturbed(c, off), c.name).toBe(false);
      expect(passesPerturbed(c, -off), c.name).toBe(false);
    }
  }, 120_000);
});
