// `hw3 doctor`: each WebAssembly kernel at work on a small, seeded problem, with its closed-form check — a quick
// sign that the build and the machine are fine before running experiments.
import { createRng, fillNormal, matvec, signgdOuterUpdate, simulateRemat } from '@hw3/core';

export interface DoctorLine {
  label: string;
  value: string;
  ok: boolean;
}

export function kernelDoctor(seed: number): DoctorLine[] {
  const lines: DoctorLine[] = [];
  const rng = createRng(seed);

  const n = 1_000_000;
  const z = fillNormal(new Float64Array(n), { rng });
  let mean = 0;
  for (const v of z) mean += v;
  mean /= n;
  let m2 = 0;
  for (const v of z) m2 += (v - mean) ** 2;
  const variance = m2 / (n - 1);
  // Standard errors: mean 1/√n, variance √(2/(n−1)) for a standard normal.
  lines.push({
    label: `Gaussian, ${n.toLocaleString('en-US')} samples (seed ${seed})`,
    value: `mean ${mean.toFixed(5)} (±${(1 / Math.sqrt(n)).toFixed(5)}), variance ${variance.toFixed(5)} (±${Math.sqrt(2 / (n - 1)).toFixed(5)})`,
    ok: Math.abs(mean) < 5 / Math.sqrt(n) && Math.abs(variance - 1) < 5 * Math.sqrt(2 / (n - 1)),
  });

  const d1 = 512;
  const d2 = 256;
  const W = fillNormal(new Float64Array(d2 * d1), { rng, std: 1 / Math.sqrt(d1) });
  const x = fillNormal(new Float64Array(d1), { rng });
  const y = matvec(W, x, { rows: d2, cols: d1 });
  const rms2 = y.reduce((s, v) => s + v * v, 0) / d2;
  const xRms2 = x.reduce((s, v) => s + v * v, 0) / d1;
  lines.push({
    label: `matvec y = Wx, W ${d2}×${d1} ~ N(0, 1/d1)`,
    value: `‖y‖²_rms = ${rms2.toFixed(3)}, ‖x‖²_rms = ${xRms2.toFixed(3)} (one draw; expected ≈ 1)`,
    ok: Math.abs(rms2 - 1) < 0.5,
  });

  const g = fillNormal(new Float64Array(d2), { rng });
  const W0 = W.slice();
  signgdOuterUpdate(W, g, x, { rows: d2, cols: d1, lr: 1e-3 });
  let maxStep = 0;
  for (let i = 0; i < W.length; i++) maxStep = Math.max(maxStep, Math.abs(W[i]! - W0[i]!));
  lines.push({
    label: 'SignGD W ← W − η·sign(g xᵀ), η = 1e-3',
    value: `every entry moves by ${maxStep.toExponential(3)} (expected exactly η)`,
    ok: Math.abs(maxStep - 1e-3) < 1e-15,
  });

  const remat = simulateRemat({ layers: 10, every: 5, fwdNs: 20, loadmemNs: 10 });
  lines.push({
    label: 'Remat, 10 layers, every 5th stored',
    value: `${remat.fwd} fwd, ${remat.loadmem} loadmem, ${remat.timeNs} ns; loaddisk breaks even at ${remat.breakEvenLoaddiskNs} ns`,
    ok: remat.fwd === 20 && remat.loadmem === 10 && remat.breakEvenLoaddiskNs === 50,
  });
  return lines;
}
