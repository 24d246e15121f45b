// Monte Carlo gradient estimators (Mohamed et al. 2020), batched: draw samples, evaluate a separable cost
// f(x) = Σᵢ wᵢ h(xᵢ), form one gradient estimate per unit (a batch of B samples, averaged), and stream its moments.
// Nothing is kept per sample beyond one chunk of draws; the caller owns the scratch and the stats.
//
// Draws come a chunk at a time (normalF64 / uniformF64 over the whole chunk), so the PRNG loops stay call-free; each
// kernel draws from one generator function only, so the numbers do not depend on where chunks begin, and the
// plain-TS reference reproduces them from the same state.
//
// Stats: per output coordinate 7 f64 [n, mean, M2, M3, M4, Σ f·s², Σ s²] (central sums, Terriberry's update); the
// last two sum over samples (score function only) and give the optimal constant baseline E[f s²]/E[s²].
import { normalF64 } from './gaussian';
import { uniformF64 } from './prng';

// Cost h(x) (a constant c) — 0: (x − c)², 1: x, 2: exp(−c x²), 3: cos(c x).
// @ts-ignore: decorator
@inline function costH(cost: i32, c: f64, x: f64): f64 {
  if (cost == 0) return (x - c) * (x - c);
  if (cost == 1) return x;
  if (cost == 2) return Math.exp(-c * x * x);
  return Math.cos(c * x);
}

// h'(x).
// @ts-ignore: decorator
@inline function costDH(cost: i32, c: f64, x: f64): f64 {
  if (cost == 0) return 2.0 * (x - c);
  if (cost == 1) return 1.0;
  if (cost == 2) return -2.0 * c * x * Math.exp(-c * x * x);
  return -c * Math.sin(c * x);
}

// Pushes one observation into stats block p: [n, mean, M2, M3, M4, …].
// @ts-ignore: decorator
@inline function pushMoments(p: usize, x: f64): void {
  const n1 = load<f64>(p, 0);
  const n = n1 + 1.0;
  const mean = load<f64>(p, 8);
  const m2 = load<f64>(p, 16);
  const m3 = load<f64>(p, 24);
  const delta = x - mean;
  // 1/n does not depend on the data: the division leaves the mean's dependency chain (the update is latency-bound).
  const dn = delta * (1.0 / n);
  const dn2 = dn * dn;
  const term1 = delta * dn * n1;
  store<f64>(p, n, 0);
  store<f64>(p, mean + dn, 8);
  store<f64>(p, load<f64>(p, 32) + term1 * dn2 * (n * n - 3.0 * n + 3.0) + 6.0 * dn2 * m2 - 4.0 * dn * m3, 32);
  store<f64>(p, m3 + term1 * dn * (n - 2.0) - 3.0 * dn * m2, 24);
  store<f64>(p, m2 + term1, 16);
}

const STAT_BYTES: usize = 56; // 7 × f64
const INV_SQRT_2PI: f64 = 0.3989422804014327;

/**
 * Gaussian N(μ, diag(σ²)) in k dimensions, x = μ + σ ⊙ ε.
 * estimator: 0 score function, 1 pathwise, 2 measure-valued (coupled: μ ± σ·Rayleigh; σ: Maxwell M vs M·U).
 * param: 0 μᵢ (k outputs), 1 σᵢ (k outputs), 2 one shared σ (1 output: the sum over i of the σᵢ-estimates).
 * baseline (score function only): 0 none, 1 constant b (bPtr: k values, or 1 for param 2), 2 leave-one-out,
 * 3 batch mean. Normals per sample: k (score, pathwise), 2k (measure-valued μ), 5k (measure-valued σ).
 * scratch (f64): chunkUnits·B·normals + B (f of the batch) + outputs (unit sums).
 */
export function gaussianGradEstimates(
  statePtr: usize, k: i32, muPtr: usize, sigmaPtr: usize, wPtr: usize, cost: i32, c: f64,
  estimator: i32, param: i32, baseline: i32, bPtr: usize,
  units: i32, batch: i32, chunkUnits: i32, scratchPtr: usize, statsPtr: usize,
): void {
  const outs = param == 2 ? 1 : k;
  const mv = estimator == 2;
  const normalsPer = mv ? (param == 0 ? 2 * k : 5 * k) : k;
  const normalsPtr = scratchPtr;
  const fPtr = normalsPtr + (<usize>chunkUnits * <usize>batch * <usize>normalsPer << 3);
  const accPtr = fPtr + (<usize>batch << 3);
  const invB = 1.0 / <f64>batch;
  let done = 0;
  while (done < units) {
    const chunk = min(chunkUnits, units - done);
    const samples = chunk * batch;
    normalF64(statePtr, normalsPtr, samples * normalsPer, 0.0, 1.0);
    for (let u = 0; u < chunk; u++) {
      for (let i = 0; i < outs; i++) store<f64>(accPtr + (<usize>i << 3), 0.0);
      const first = u * batch;
      // Score function with a batch baseline needs every f of the batch first.
      let sumF: f64 = 0;
      if (estimator == 0) {
        for (let j = 0; j < batch; j++) {
          const e = normalsPtr + (<usize>((first + j) * normalsPer) << 3);
          let f: f64 = 0;
          for (let i = 0; i < k; i++) {
            const x = load<f64>(muPtr + (<usize>i << 3)) + load<f64>(sigmaPtr + (<usize>i << 3)) * load<f64>(e + (<usize>i << 3));
            f += load<f64>(wPtr + (<usize>i << 3)) * costH(cost, c, x);
          }
          store<f64>(fPtr + (<usize>j << 3), f);
          sumF += f;
        }
      }
      for (let j = 0; j < batch; j++) {
        const e = normalsPtr + (<usize>((first + j) * normalsPer) << 3);
        if (estimator == 0) {
          const f = load<f64>(fPtr + (<usize>j << 3));
          let fc = f; // f − baseline (the constant baseline is per output, below)
          if (baseline == 2) fc = f - (sumF - f) / <f64>(batch - 1);
          else if (baseline == 3) fc = f - sumF * invB;
          let sShared: f64 = 0;
          for (let i = 0; i < k; i++) {
            const eps = load<f64>(e + (<usize>i << 3));
            const sigma = load<f64>(sigmaPtr + (<usize>i << 3));
            const s = param == 0 ? eps / sigma : (eps * eps - 1.0) / sigma;
            if (param == 2) {
              sShared += s;
            } else {
              const b = baseline == 1 ? load<f64>(bPtr + (<usize>i << 3)) : 0.0;
              const a = accPtr + (<usize>i << 3);
              store<f64>(a, load<f64>(a) + (fc - b) * s);
              const st = statsPtr + <usize>i * STAT_BYTES;
              store<f64>(st, load<f64>(st, 40) + f * s * s, 40);
              store<f64>(st, load<f64>(st, 48) + s * s, 48);
            }
          }
          if (param == 2) {
            const b = baseline == 1 ? load<f64>(bPtr) : 0.0;
            store<f64>(accPtr, load<f64>(accPtr) + (fc - b) * sShared);
            store<f64>(statsPtr, load<f64>(statsPtr, 40) + f * sShared * sShared, 40);
            store<f64>(statsPtr, load<f64>(statsPtr, 48) + sShared * sShared, 48);
          }
        } else {
          for (let i = 0; i < k; i++) {
            const mu = load<f64>(muPtr + (<usize>i << 3));
            const sigma = load<f64>(sigmaPtr + (<usize>i << 3));
            const w = load<f64>(wPtr + (<usize>i << 3));
            let g: f64;
            if (estimator == 1) {
              const eps = load<f64>(e + (<usize>i << 3));
              const d = w * costDH(cost, c, mu + sigma * eps);
              g = param == 0 ? d : d * eps;
            } else if (param == 0) {
              // Rayleigh(1) = √(z₁² + z₂²); both sides share it (common random numbers).
              const z1 = load<f64>(e + (<usize>(2 * i) << 3));
              const z2 = load<f64>(e + (<usize>(2 * i + 1) << 3));
              const r = Math.sqrt(z1 * z1 + z2 * z2);
              g = (w * INV_SQRT_2PI / sigma) * (costH(cost, c, mu + sigma * r) - costH(cost, c, mu - sigma * r));
            } else {
              // Double-sided Maxwell M = sign(z₁)·√(z₁² + z₂² + z₃²); with U uniform, M·U is N(0, 1), the coupled
              // negative part. U = exp(−(z₄² + z₅²)/2): (z₄² + z₅²)/2 is Exp(1).
              const z1 = load<f64>(e + (<usize>(5 * i) << 3));
              const z2 = load<f64>(e + (<usize>(5 * i + 1) << 3));
              const z3 = load<f64>(e + (<usize>(5 * i + 2) << 3));
              const z4 = load<f64>(e + (<usize>(5 * i + 3) << 3));
              const z5 = load<f64>(e + (<usize>(5 * i + 4) << 3));
              const r = Math.sqrt(z1 * z1 + z2 * z2 + z3 * z3);
              const m = z1 < 0 ? -r : r;
              const un = Math.exp(-0.5 * (z4 * z4 + z5 * z5));
              g = (w / sigma) * (costH(cost, c, mu + sigma * m) - costH(cost, c, mu + sigma * m * un));
            }
            const a = accPtr + (param == 2 ? 0 : <usize>i << 3);
            store<f64>(a, load<f64>(a) + g);
          }
        }
      }
      for (let i = 0; i < outs; i++) pushMoments(statsPtr + <usize>i * STAT_BYTES, load<f64>(accPtr + (<usize>i << 3)) * invB);
    }
    done += chunk;
  }
}

/**
 * One-parameter distributions, one uniform per sample. dist 0: exponential with rate θ = λ, x = −ln(1 − U)/λ (score
 * 1/λ − x; pathwise dx/dλ = −x/λ). dist 1: Bernoulli with logit θ, x = [U < sigmoid(θ)] (score x − p; no pathwise
 * form). estimator 0 score function, 1 pathwise; baseline as in gaussianGradEstimates (b one value).
 * scratch (f64): chunkUnits·B uniforms + B + 1. Stats: one 7-f64 block.
 */
export function scalarGradEstimates(
  statePtr: usize, dist: i32, theta: f64, cost: i32, c: f64, estimator: i32, baseline: i32, b: f64,
  units: i32, batch: i32, chunkUnits: i32, scratchPtr: usize, statsPtr: usize,
): void {
  const uniformsPtr = scratchPtr;
  const fPtr = uniformsPtr + (<usize>chunkUnits * <usize>batch << 3);
  const invB = 1.0 / <f64>batch;
  const p = 1.0 / (1.0 + Math.exp(-theta));
  let done = 0;
  while (done < units) {
    const chunk = min(chunkUnits, units - done);
    uniformF64(statePtr, uniformsPtr, chunk * batch, 0.0, 1.0);
    for (let u = 0; u < chunk; u++) {
      const first = u * batch;
      let sumF: f64 = 0;
      for (let j = 0; j < batch; j++) {
        const un = load<f64>(uniformsPtr + (<usize>(first + j) << 3));
        const x = dist == 0 ? -Math.log(1.0 - un) / theta : un < p ? 1.0 : 0.0;
        const f = costH(cost, c, x);
        store<f64>(fPtr + (<usize>j << 3), f);
        sumF += f;
      }
      let acc: f64 = 0;
      for (let j = 0; j < batch; j++) {
        const un = load<f64>(uniformsPtr + (<usize>(first + j) << 3));
        const x = dist == 0 ? -Math.log(1.0 - un) / theta : un < p ? 1.0 : 0.0;
        if (estimator == 1) {
          acc += costDH(cost, c, x) * (-x / theta);
        } else {
          const f = load<f64>(fPtr + (<usize>j << 3));
          const s = dist == 0 ? 1.0 / theta - x : x - p;
          let fc = f - (baseline == 1 ? b : 0.0);
          if (baseline == 2) fc = f - (sumF - f) / <f64>(batch - 1);
          else if (baseline == 3) fc = f - sumF * invB;
          acc += fc * s;
          store<f64>(statsPtr, load<f64>(statsPtr, 40) + f * s * s, 40);
          store<f64>(statsPtr, load<f64>(statsPtr, 48) + s * s, 48);
        }
      }
      pushMoments(statsPtr, acc * invB);
    }
    done += chunk;
  }
}
