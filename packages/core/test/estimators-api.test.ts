// The estimator API's edges: user formulas (whitelist, symbolic derivative, the TS engine = the WASM engine on the
// same draws), typed errors naming the parameter, no leaked memory, reproducibility, progress and cancellation.
import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  createRng,
  estimateGradient,
  estimateGradientAsync,
  GradientEstimator,
  InvalidArgumentError,
  memoryUsage,
  parseFormula,
  type EstimateOptions,
} from '@hw3/core';

describe('parseFormula', () => {
  it('differentiates symbolically: h′ = central finite difference', () => {
    for (const text of ['x^2', 'exp(-2*x^2)', 'cos(3x) + sin(x)/2', 'sqrt(1 + x^2) * tanh(x)', '(x - pi)^3 / e', 'log(1 + x^2)', 'abs(x - 0.3)']) {
      const f = parseFormula(text);
      for (const x of [-1.7, -0.2, 0.45, 2.3]) {
        const h = 1e-5;
        const fd = (f.h(x + h) - f.h(x - h)) / (2 * h);
        expect(Math.abs(f.dh(x) - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('rejects everything outside the whitelist with a typed error naming "formula"', () => {
    for (const text of ['x = 2', 'f(x) = x', 'import("fs")', 'evaluate("1+1")', 'y + x', 'x > 1', '"abc"', '[1, 2]', 'x[1]', 'x.y', 'x mod 2', 'x!', 'sin(x', '', 'a'.repeat(501), 'createUnit("foo")']) {
      let error: unknown;
      try {
        parseFormula(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).param).toBe('formula');
    }
  });

  it('the TS engine on a formula gives the WASM engine’s estimate from the same seed', () => {
    for (const [formula, cost, estimator, param] of [
      ['exp(-2*x^2)', { kind: 'bump', k: 2 }, 'pathwise', 'mu'],
      ['(x - 0.5)^2', { kind: 'shifted-square', k: 0.5 }, 'measure-valued', 'sigma'],
      ['cos(3*x)', { kind: 'cosine', k: 3 }, 'score', 'sigma'],
    ] as const) {
      const base = { distribution: { kind: 'gaussian', mu: [0.2, -1], sigma: [1, 0.5] }, estimator, param, samples: 20_000 } as const;
      const js = estimateGradient({ ...base, cost: { kind: 'formula', expression: formula }, rng: createRng(9) });
      const wasm = estimateGradient({ ...base, cost, rng: createRng(9) });
      expect(js.engine).toBe('js');
      expect(wasm.engine).toBe('wasm');
      js.mean.forEach((m, i) => expect(Math.abs(m - wasm.mean[i]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(m))));
      js.variance.forEach((v, i) => expect(Math.abs(v - wasm.variance[i]!)).toBeLessThan(1e-9 * Math.max(1, v)));
    }
  });
});

describe('typed errors', () => {
  const good: EstimateOptions = { distribution: { kind: 'gaussian', mu: [1, 2], sigma: 1 }, cost: { kind: 'sum-squares' }, estimator: 'score', samples: 100, rng: createRng(1) };
  const cases: [string, Partial<EstimateOptions> | Record<string, unknown>][] = [
    ['estimator', { distribution: { kind: 'bernoulli', logit: 0 }, estimator: 'pathwise' }],
    ['estimator', { distribution: { kind: 'exponential', rate: 1 }, estimator: 'measure-valued' }],
    ['estimator', { estimator: 'reinforce' }],
    ['param', { param: 'rate' }],
    ['sigma', { distribution: { kind: 'gaussian', mu: [1, 2], sigma: [1] } }],
    ['sigma', { distribution: { kind: 'gaussian', mu: [1, 2], sigma: -1 } }],
    ['sigma[1]', { distribution: { kind: 'gaussian', mu: [1, 2], sigma: [1, 0] } }],
    ['mu[1]', { distribution: { kind: 'gaussian', mu: [1, NaN], sigma: 1 } }],
    ['mu', { distribution: { kind: 'gaussian', mu: [], sigma: 1 } }],
    ['rate', { distribution: { kind: 'exponential', rate: 0 } }],
    ['distribution.kind', { distribution: { kind: 'poisson' } }],
    ['cost.kind', { cost: { kind: 'rosenbrock' } }],
    ['a', { cost: { kind: 'linear', a: [1, 2, 3] } }],
    ['k', { cost: { kind: 'bump', k: Infinity } }],
    ['formula', { cost: { kind: 'formula', expression: 'process.exit()' } }],
    ['baseline', { estimator: 'pathwise', baseline: 'optimal' }],
    ['baseline', { baseline: 'median' }],
    ['batchSize', { baseline: 'leave-one-out', batchSize: 1 }],
    ['baselineValue', { baseline: 'constant' }],
    ['samples', { samples: 0 }],
    ['samples', { samples: 1.5 }],
    ['rng', { rng: 42 as never }],
  ];
  for (const [param, patch] of cases) {
    it(`${param}: ${JSON.stringify(patch)}`, () => {
      const before = memoryUsage().liveBytes;
      let error: unknown;
      try {
        estimateGradient({ ...good, ...patch } as EstimateOptions);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).param).toBe(param);
      expect((error as Error).message).toContain(param);
      expect(memoryUsage().liveBytes).toBe(before);
    });
  }
  it('a formula undefined at the samples is a typed error, not NaN', () => {
    const run = () => estimateGradient({ ...good, cost: { kind: 'formula', expression: 'sqrt(x)' }, estimator: 'pathwise' });
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(/formula/);
  });
  it('the Bernoulli pathwise refusal says why', () => {
    expect(() => estimateGradient({ ...good, distribution: { kind: 'bernoulli', logit: 0 }, estimator: 'pathwise' })).toThrow(/not a differentiable function/);
  });
});

describe('runs', () => {
  const options = (seed: number): EstimateOptions => ({ distribution: { kind: 'gaussian', mu: [1, 2, 3], sigma: 0.5 }, cost: { kind: 'cosine', k: 2 }, estimator: 'measure-valued', param: 'sigma', samples: 50_000, rng: createRng(seed) });

  it('same seed, same numbers; different seed, different numbers; no memory kept', () => {
    const before = memoryUsage().liveBytes;
    const a = estimateGradient(options(3));
    const b = estimateGradient(options(3));
    const c = estimateGradient(options(4));
    expect(b).toEqual(a);
    expect(c.mean).not.toEqual(a.mean);
    expect(memoryUsage().liveBytes).toBe(before);
  });

  it('running in pieces equals one run (the streamed moments continue)', () => {
    const one = estimateGradient({ ...options(5), estimator: 'score', param: 'mu' });
    const pieces = new GradientEstimator({ ...options(5), estimator: 'score', param: 'mu' }).run(20_000).run(30_000).result();
    expect(pieces.units).toBe(one.units);
    pieces.mean.forEach((m, i) => expect(Math.abs(m - one.mean[i]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(m))));
  });

  it('async: reports progress and cancels with the partial estimate', async () => {
    const seen: number[] = [];
    const done = await estimateGradientAsync(options(6), { onProgress: (f) => seen.push(f), sliceSamples: 10_000 });
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBe(5);
    expect(done).toEqual(estimateGradient(options(6)));
    const optimal = { ...options(8), estimator: 'score', param: 'mu', baseline: 'optimal' } as const;
    expect(await estimateGradientAsync(optimal, { sliceSamples: 7_000 })).toEqual(estimateGradient({ ...optimal, rng: createRng(8) }));
    const controller = new AbortController();
    const run = estimateGradientAsync(options(6), { signal: controller.signal, sliceSamples: 10_000, onProgress: (f) => f >= 0.4 && controller.abort() });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(((error as CancelledError).partial as { units: number }).units).toBe(20_000);
  });
});
