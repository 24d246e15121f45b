// Plain-TypeScript gradient estimators, step for step the same as assembly/estimators.ts (same draws in the same
// order, same arithmetic), so tests can compare the two. The cost is a pair of functions here, which also lets
// callers run user formulas (that never reach WebAssembly) through the same engine.
import { normalF64 } from './gaussian.js';
import { uniformF64 } from './prng.js';

/** A scalar cost h and its derivative h'; the estimators use f(x) = Σᵢ wᵢ h(xᵢ). */
export interface ScalarCost {
  h(x: number): number;
  dh(x: number): number;
}

/** The kernels' built-in costs by code — 0: (x − c)², 1: x, 2: exp(−c x²), 3: cos(c x). */
export function builtinCost(cost: number, c: number): ScalarCost {
  switch (cost) {
    case 0:
      return { h: (x) => (x - c) * (x - c), dh: (x) => 2 * (x - c) };
    case 1:
      return { h: (x) => x, dh: () => 1 };
    case 2:
      return { h: (x) => Math.exp(-c * x * x), dh: (x) => -2 * c * x * Math.exp(-c * x * x) };
    default:
      return { h: (x) => Math.cos(c * x), dh: (x) => -c * Math.sin(c * x) };
  }
}

const STAT = 7;
const INV_SQRT_2PI = 0.3989422804014327;

/** Adds x to the moments at stats[o … o + 4] = [n, mean, M2, M3, M4] (Terriberry's update). */
export function pushMoments(stats: Float64Array, o: number, x: number): void {
  const n1 = stats[o]!;
  const n = n1 + 1;
  const mean = stats[o + 1]!;
  const m2 = stats[o + 2]!;
  const m3 = stats[o + 3]!;
  const delta = x - mean;
  const dn = delta * (1 / n); // as the kernel: 1/n off the dependency chain
  const dn2 = dn * dn;
  const term1 = delta * dn * n1;
  stats[o] = n;
  stats[o + 1] = mean + dn;
  stats[o + 4] = stats[o + 4]! + term1 * dn2 * (n * n - 3 * n + 3) + 6 * dn2 * m2 - 4 * dn * m3;
  stats[o + 3] = m3 + term1 * dn * (n - 2) - 3 * dn * m2;
  stats[o + 2] = m2 + term1;
}

export interface GaussianEstimatesArgs {
  /** Dimension. */
  k: number;
  /** μ, σ, w: k values each. */
  mu: ArrayLike<number>;
  sigma: ArrayLike<number>;
  w: ArrayLike<number>;
  cost: ScalarCost;
  /** 0 score function, 1 pathwise, 2 measure-valued. */
  estimator: number;
  /** 0 μᵢ, 1 σᵢ, 2 shared σ. */
  param: number;
  /** 0 none, 1 constant (b), 2 leave-one-out, 3 batch mean. */
  baseline: number;
  /** Constant baselines: k values (1 for the shared σ). */
  b: ArrayLike<number>;
  units: number;
  batch: number;
  chunkUnits: number;
}

/** Reference for gaussianGradEstimates: advances `state` and adds to `stats` (7 f64 per output). */
export function gaussianGradEstimates(state: Uint32Array, a: GaussianEstimatesArgs, stats: Float64Array): void {
  const { k, mu, sigma, w, cost, estimator, param, baseline, b, units, batch, chunkUnits } = a;
  const outs = param === 2 ? 1 : k;
  const mv = estimator === 2;
  const normalsPer = mv ? (param === 0 ? 2 * k : 5 * k) : k;
  const f = new Float64Array(batch);
  const acc = new Float64Array(outs);
  let done = 0;
  while (done < units) {
    const chunk = Math.min(chunkUnits, units - done);
    const samples = chunk * batch;
    const normals = normalF64(state, new Float64Array(samples * normalsPer), 0, 1);
    for (let u = 0; u < chunk; u++) {
      acc.fill(0);
      const first = u * batch;
      let sumF = 0;
      if (estimator === 0) {
        for (let j = 0; j < batch; j++) {
          const e = (first + j) * normalsPer;
          let fj = 0;
          for (let i = 0; i < k; i++) fj += w[i]! * cost.h(mu[i]! + sigma[i]! * normals[e + i]!);
          f[j] = fj;
          sumF += fj;
        }
      }
      for (let j = 0; j < batch; j++) {
        const e = (first + j) * normalsPer;
        if (estimator === 0) {
          const fj = f[j]!;
          let fc = fj;
          if (baseline === 2) fc = fj - (sumF - fj) / (batch - 1);
          else if (baseline === 3) fc = fj - sumF / batch;
          let sShared = 0;
          for (let i = 0; i < k; i++) {
            const eps = normals[e + i]!;
            const s = param === 0 ? eps / sigma[i]! : (eps * eps - 1) / sigma[i]!;
            if (param === 2) {
              sShared += s;
            } else {
              const bi = baseline === 1 ? b[i]! : 0;
              acc[i] = acc[i]! + (fc - bi) * s;
              stats[i * STAT + 5] = stats[i * STAT + 5]! + fj * s * s;
              stats[i * STAT + 6] = stats[i * STAT + 6]! + s * s;
            }
          }
          if (param === 2) {
            const b0 = baseline === 1 ? b[0]! : 0;
            acc[0] = acc[0]! + (fc - b0) * sShared;
            stats[5] = stats[5]! + fj * sShared * sShared;
            stats[6] = stats[6]! + sShared * sShared;
          }
        } else {
          for (let i = 0; i < k; i++) {
            const m = mu[i]!;
            const s = sigma[i]!;
            let g: number;
            if (estimator === 1) {
              const eps = normals[e + i]!;
              const d = w[i]! * cost.dh(m + s * eps);
              g = param === 0 ? d : d * eps;
            } else if (param === 0) {
              const z1 = normals[e + 2 * i]!;
              const z2 = normals[e + 2 * i + 1]!;
              const r = Math.sqrt(z1 * z1 + z2 * z2);
              g = ((w[i]! * INV_SQRT_2PI) / s) * (cost.h(m + s * r) - cost.h(m - s * r));
            } else {
              const z1 = normals[e + 5 * i]!;
              const z2 = normals[e + 5 * i + 1]!;
              const z3 = normals[e + 5 * i + 2]!;
              const z4 = normals[e + 5 * i + 3]!;
              const z5 = normals[e + 5 * i + 4]!;
              const r = Math.sqrt(z1 * z1 + z2 * z2 + z3 * z3);
              const mx = z1 < 0 ? -r : r;
              const un = Math.exp(-0.5 * (z4 * z4 + z5 * z5));
              g = (w[i]! / s) * (cost.h(m + s * mx) - cost.h(m + s * mx * un));
            }
            const o = param === 2 ? 0 : i;
            acc[o] = acc[o]! + g;
          }
        }
      }
      for (let i = 0; i < outs; i++) pushMoments(stats, i * STAT, acc[i]! / batch);
    }
    done += chunk;
  }
}

export interface ScalarEstimatesArgs {
  /** 0 exponential (θ = rate), 1 Bernoulli (θ = logit). */
  dist: number;
  theta: number;
  cost: ScalarCost;
  /** 0 score function, 1 pathwise. */
  estimator: number;
  baseline: number;
  b: number;
  units: number;
  batch: number;
  chunkUnits: number;
}

/** Reference for scalarGradEstimates (one 7-f64 stats block). */
export function scalarGradEstimates(state: Uint32Array, a: ScalarEstimatesArgs, stats: Float64Array): void {
  const { dist, theta, cost, estimator, baseline, b, units, batch, chunkUnits } = a;
  const p = 1 / (1 + Math.exp(-theta));
  const f = new Float64Array(batch);
  const sample = (un: number) => (dist === 0 ? -Math.log(1 - un) / theta : un < p ? 1 : 0);
  let done = 0;
  while (done < units) {
    const chunk = Math.min(chunkUnits, units - done);
    const uniforms = uniformF64(state, new Float64Array(chunk * batch), 0, 1);
    for (let u = 0; u < chunk; u++) {
      const first = u * batch;
      let sumF = 0;
      for (let j = 0; j < batch; j++) {
        f[j] = cost.h(sample(uniforms[first + j]!));
        sumF += f[j]!;
      }
      let acc = 0;
      for (let j = 0; j < batch; j++) {
        const x = sample(uniforms[first + j]!);
        if (estimator === 1) {
          acc += cost.dh(x) * (-x / theta);
        } else {
          const fj = f[j]!;
          const s = dist === 0 ? 1 / theta - x : x - p;
          let fc = fj - (baseline === 1 ? b : 0);
          if (baseline === 2) fc = fj - (sumF - fj) / (batch - 1);
          else if (baseline === 3) fc = fj - sumF / batch;
          acc += fc * s;
          stats[5] = stats[5]! + fj * s * s;
          stats[6] = stats[6]! + s * s;
        }
      }
      pushMoments(stats, 0, acc / batch);
    }
    done += chunk;
  }
}
