// The committed corpus of hostile inputs (test/corpus/hostile-inputs.json) with their expected outcomes, and the rule
// that the process stays usable: after every rejection, a valid run gives the same bits as a fresh process.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as core from '@hw3/core';
import { createFuzzStats, printFuzzStats } from './fuzz-stats.js';

interface ExpectedError {
  error: string;
  param: string;
  problem?: string;
}
interface Case {
  case: string;
  kind: 'cost-formula' | 'claim-formula' | 'params' | 'call' | 'run';
  formula?: string;
  experiment?: string;
  params?: Record<string, unknown>;
  call?: string;
  args?: unknown[];
  expect: 'ok' | ExpectedError | { status: string; allPass: boolean; nullValues: string[] };
}

const corpus = JSON.parse(readFileSync(new URL('./corpus/hostile-inputs.json', import.meta.url), 'utf8')) as { cases: Case[] };
const stats = createFuzzStats();
afterAll(() => printFuzzStats('hostile-corpus', stats));

const CALLS: Record<string, (...args: never[]) => unknown> = {
  'new WasmArray': (dtype: 'f32' | 'f64', length: number) => new core.WasmArray(dtype, length),
  'WasmArray.from': (dtype: 'f32' | 'f64', values: number[]) => core.WasmArray.from(dtype, values),
  simulateRemat: (options: core.RematOptions) => core.simulateRemat(options),
  fillUniform: (options: Omit<core.UniformOptions, 'rng'>) => core.fillUniform(new Float64Array(4), { rng: core.createRng(1), ...options }),
  estimateGradient: (options: Omit<core.EstimateOptions, 'rng'>) => core.estimateGradient({ ...options, rng: core.createRng(1) }),
  runExperiment: (experiment: never) => core.runExperiment(experiment),
};

async function outcome(c: Case): Promise<unknown> {
  switch (c.kind) {
    case 'cost-formula':
      return core.parseFormula(c.formula!).dh(0.5);
    case 'claim-formula':
      return core.compileClaimFormula(c.formula!, ['d1', 'd2']).evaluate({ d1: 2, d2: 3 });
    case 'params':
      return core.resolveParams(core.getExperiment(c.experiment!), c.params);
    case 'call':
      return await CALLS[c.call!]!(...((c.args ?? []).map((a) => (a === null ? undefined : a)) as never[]));
    case 'run':
      return core.runExperiment(core.getExperiment(c.experiment!), c.params, { seed: 1 });
  }
}

const freshRun = (id: string, params: unknown, seed: number): string =>
  execFileSync(process.execPath, ['--input-type=module', '-e', `import { runExperiment, getExperiment } from '@hw3/core'; const r = await runExperiment(getExperiment(${JSON.stringify(id)}), ${JSON.stringify(params)}, { seed: ${seed} }); process.stdout.write(JSON.stringify(r));`], { cwd: new URL('..', import.meta.url), encoding: 'utf8' });

describe('hostile corpus', () => {
  it.each(corpus.cases.map((c) => [c.case, c] as const))('%s', { timeout: 60_000 }, async (_name, c) => {
    stats.corpus++;
    const start = performance.now();
    let error: unknown;
    let value: unknown;
    try {
      value = await outcome(c);
    } catch (e) {
      error = e;
      stats.slowestRejectionMs = Math.max(stats.slowestRejectionMs, performance.now() - start);
    }
    if (c.expect === 'ok') {
      expect(error, String(error)).toBeUndefined();
    } else if ('error' in c.expect) {
      expect(error, 'accepted').toBeInstanceOf(core.Hw3Error);
      expect((error as Error).constructor.name).toBe(c.expect.error);
      expect((error as core.Hw3Error).param).toBe(c.expect.param);
      if (c.expect.problem) expect((error as core.FormulaError).problem).toBe(c.expect.problem);
      expect((error as Error).message).not.toMatch(/abort|tlsf|TypeError|undefined is not/);
    } else {
      expect(error, String(error)).toBeUndefined();
      const result = value as core.ExperimentResult;
      expect(result.status).toBe(c.expect.status);
      if (c.expect.allPass) expect(result.checks.filter((k) => !k.pass).map((k) => k.name)).toEqual([]);
      for (const key of c.expect.nullValues) expect(result.values[key], key).toBeNull();
    }
  });

  it('after every rejection above, a valid run has the same bits as in a fresh process', { timeout: 120_000 }, async () => {
    for (const [id, params] of [['rms-at-init', { d1s: [16, 64], d2s: [16, 64], budget: 65536 }], ['estimators-general', { formula: 'sin(x) + x^2', samples: 5000 }]] as const) {
      const here = JSON.stringify(await core.runExperiment(core.getExperiment(id), params, { seed: 7 }));
      expect(here).toBe(freshRun(id, params, 7));
    }
  });
});
