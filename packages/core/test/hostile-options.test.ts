// Issue 16 items 4 and 6 (library and schema side): silent nonsense becomes a typed error naming the parameter, its
// value and what is allowed — degenerate grids, reversed ranges, remat's every > layers, misspelt option keys,
// overflowing fill bounds, non-numbers in WasmArray.from, too few samples for a batch, a bad experiment argument.
import { describe, expect, it } from 'vitest';
import {
  createRng,
  estimateGradient,
  estimateGradientAsync,
  exactGradient,
  fillNormal,
  fillUniform,
  getExperiment,
  Hw3Error,
  InvalidArgumentError,
  makeChain,
  matvec,
  memoryUsage,
  ParamError,
  resolveParams,
  runExperiment,
  signgdUpdate,
  simulateRemat,
  UnknownOptionError,
  WasmArray,
} from '@hw3/core';

function rejection(run: () => unknown): Hw3Error {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Hw3Error);
    return error as Hw3Error;
  }
  throw new Error('expected a typed rejection');
}

describe('degenerate grids and reversed ranges are rejected at the schema', () => {
  it.each([
    ['rms-at-init', { d1s: [16, 16] }, 'd1s', /distinct.*16 repeated.*got \[16,16\]/],
    ['rms-at-init', { d2s: [64, 64, 256] }, 'd2s', /distinct.*64 repeated/],
    ['fan-in-only', { d2s: [8, 8] }, 'd2s', /distinct.*8 repeated/],
    ['signgd-update', { d1s: [64, 64] }, 'd1s', /distinct.*64 repeated/],
    ['rms-at-init', { minTrials: 100, maxTrials: 10 }, 'maxTrials', /≥ minTrials \(100\), got 10/],
    ['fan-in-only', { minTrials: 100, maxTrials: 10 }, 'maxTrials', /≥ minTrials/],
    ['signgd-update', { minTrials: 100, maxTrials: 10 }, 'maxTrials', /≥ minTrials/],
    ['remat', { every: 20, layers: 10 }, 'every', /≤ layers \(10\), got 20/],
  ] as const)('%s %j → ParamError on %s', (id, params, param, message) => {
    const error = rejection(() => resolveParams(getExperiment(id), params));
    expect(error).toBeInstanceOf(ParamError);
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });

  it('the schema and simulateRemat agree on every ≤ layers', () => {
    expect(() => simulateRemat({ layers: 10, every: 20 })).toThrow(InvalidArgumentError);
    expect(resolveParams(getExperiment('remat'), { every: 10, layers: 10 })).toMatchObject({ every: 10, layers: 10 });
  });

  it('a long rejected list is clipped in the message', () => {
    const error = rejection(() => resolveParams(getExperiment('rms-at-init'), { d1s: Array.from({ length: 10_000 }, (_, i) => i + 1) }));
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('unknown option keys are errors naming the key and the allowed keys', () => {
  const rng = () => createRng(1);
  it.each([
    ['simulateRemat', () => simulateRemat({ layers: 10, evry: 3 } as never), 'evry', /did you mean every\?.*allowed: layers, every/],
    ['fillNormal', () => fillNormal(new Float64Array(2), { rng: rng(), sd: 2 } as never), 'sd', /allowed: rng, mean, std/],
    ['fillUniform', () => fillUniform(new Float64Array(2), { rng: rng(), hi: 2 } as never), 'hi', /allowed: rng, low, high/],
    ['matvec', () => matvec(new Float64Array(4), new Float64Array(2), { rows: 2, cols: 2, col: 1 } as never), 'col', /did you mean cols\?/],
    ['signgdUpdate', () => signgdUpdate(new Float64Array(2), new Float64Array(2), { lr: 1, momentum: 0.9 } as never), 'momentum', /allowed: lr/],
    ['makeChain', () => makeChain({ layers: 4, fwdcost: 1 } as never), 'fwdcost', /did you mean fwdCost\?/],
    ['estimateGradient', () => estimateGradient({ distribution: { kind: 'gaussian', mu: [1], sigma: 1 }, cost: { kind: 'sum-squares' }, estimator: 'score', samples: 100, rng: rng(), batchsize: 4 } as never), 'batchsize', /did you mean batchSize\?/],
    ['exactGradient', () => exactGradient({ distribution: { kind: 'exponential', rate: 1 }, cost: { kind: 'sum-squares' }, estimator: 'score', paramm: 'rate' } as never), 'paramm', /did you mean param\?/],
  ])('%s', (_name, run, key, message) => {
    const error = rejection(run);
    expect(error).toBeInstanceOf(UnknownOptionError);
    expect(error.param).toBe(key);
    expect(error.message).toMatch(message);
  });

  it('runExperiment options and estimateGradientAsync control are checked too', async () => {
    await expect(runExperiment(getExperiment('remat'), {}, { sed: 3 } as never)).rejects.toBeInstanceOf(UnknownOptionError);
    const options = { distribution: { kind: 'gaussian', mu: [1], sigma: 1 }, cost: { kind: 'sum-squares' }, estimator: 'score', samples: 100, rng: createRng(1) } as const;
    await expect(estimateGradientAsync(options, { onprogress: () => {} } as never)).rejects.toBeInstanceOf(UnknownOptionError);
  });
});

describe('values that silently became Infinity, NaN or nothing', () => {
  it('fillUniform refuses bounds whose width overflows (formerly filled with Infinity)', () => {
    const error = rejection(() => fillUniform(new Float64Array(4), { rng: createRng(1), low: -1.7e308, high: 1.7e308 }));
    expect(error.param).toBe('high');
    expect(error.message).toMatch(/high − low/);
    expect(rejection(() => fillUniform(new Float32Array(4), { rng: createRng(1), low: 0, high: 1e39 })).message).toMatch(/f32/);
    const ok = fillUniform(new Float64Array(1000), { rng: createRng(1), low: -1e307, high: 1e307 });
    expect(ok.every(Number.isFinite)).toBe(true);
  });

  it('fillNormal refuses a std whose samples could overflow', () => {
    expect(rejection(() => fillNormal(new Float64Array(4), { rng: createRng(1), std: 1e308 })).param).toBe('std');
    expect(rejection(() => fillNormal(new Float32Array(4), { rng: createRng(1), std: 1e38 })).param).toBe('std');
  });

  it('WasmArray.from refuses non-numbers (formerly NaN) and leaks nothing', () => {
    const live = memoryUsage().liveBytes;
    const error = rejection(() => WasmArray.from('f64', ['a', 'b'] as never));
    expect(error.param).toBe('values[0]');
    expect(rejection(() => WasmArray.from('f32', [1, null, 3] as never)).param).toBe('values[1]');
    expect(memoryUsage().liveBytes).toBe(live);
  });

  it('estimateGradient with fewer samples than two batches is refused (formerly 0 samples and null errors)', () => {
    const base = { distribution: { kind: 'gaussian', mu: [1], sigma: 1 }, cost: { kind: 'sum-squares' }, estimator: 'score', rng: createRng(1) } as const;
    const error = rejection(() => estimateGradient({ ...base, baseline: 'leave-one-out', batchSize: 10, samples: 5 }));
    expect(error.param).toBe('samples');
    expect(error.message).toMatch(/2 × batchSize = 20/);
    const ok = estimateGradient({ ...base, baseline: 'leave-one-out', batchSize: 10, samples: 25 });
    expect(ok.units).toBe(2);
    expect(Number.isFinite(ok.stderr[0]!)).toBe(true);
  });

  it.each([['remat'], [undefined], [null], [42], [{ id: 'remat' }]])('runExperiment(%j) is an InvalidArgumentError naming "experiment"', async (value) => {
    const error = await runExperiment(value as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).param).toBe('experiment');
  });
});
