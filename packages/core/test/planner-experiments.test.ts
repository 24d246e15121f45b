// The remat-planner and remat-schedule experiments through the contract: every check passes on the homework chain,
// an uneven chain and PyTorch's example; bad budgets are typed errors; results are plain JSON and reproducible.
import { describe, expect, it } from 'vitest';
import { CancelledError, getExperiment, InvalidArgumentError, ParamError, runExperiment, type ExperimentResult } from '@hw3/core';

const isJson = (r: ExperimentResult) => expect(JSON.parse(JSON.stringify(r))).toEqual(r);

describe('remat-planner', () => {
  const planner = getExperiment('remat-planner');

  it('homework chain: every check passes; revolve and the DPs fit the budget', async () => {
    const r = await runExperiment(planner, {});
    expect(r.checks.filter((c) => !c.pass)).toEqual([]);
    expect(r.checks.length).toBeGreaterThanOrEqual(10);
    const rows = r.tables[0]!.rows;
    expect(rows.map((row) => row[0])).toContain('every k-th (k = 5)');
    expect(rows.find((row) => row[0] === 'every k-th (k = 5)')!.slice(2, 4)).toEqual([20, 10]);
    expect(r.values.homeworkBreakEvenNs).toBe(50);
    expect(r.series.find((s) => s.label === 'optimal (DP)')!.x[0]).toBe(2);
    isJson(r);
  });

  it('uneven chains: checks pass and the same seed gives the same numbers', async () => {
    const a = await runExperiment(planner, { chain: 'uneven', layers: 14, budget: 10 }, { seed: 5 });
    const b = await runExperiment(planner, { chain: 'uneven', layers: 14, budget: 10 }, { seed: 5 });
    expect(a.checks.filter((c) => !c.pass)).toEqual([]);
    expect(b.tables).toEqual(a.tables);
    isJson(a);
  });

  it('PyTorch’s 9 modules in 5 segments: [1, 1, 1, 1, 5], its 4 checkpointed layers re-run', async () => {
    const r = await runExperiment(planner, { layers: 9, budget: 9, segments: 5 });
    const row = r.tables[0]!.rows.find((x) => String(x[0]).startsWith('checkpoint_sequential'))!;
    expect(row[0]).toBe('checkpoint_sequential (5 → [1, 1, 1, 1, 5])');
    expect(row[2]).toBe(4);
    expect(row[6]).toBe(9);
  });

  it('a budget below the chain’s minimum is a typed error naming the minimum', async () => {
    await expect(runExperiment(planner, { budget: 1 })).rejects.toThrow(InvalidArgumentError);
    await expect(runExperiment(planner, { budget: 1 })).rejects.toThrow(/at least 2 memory units/);
    await expect(runExperiment(planner, { layers: 0 })).rejects.toThrow(ParamError);
  });
});

describe('remat-schedule', () => {
  const schedule = getExperiment('remat-schedule');

  it('draws revolve on 9 layers with 2 slots: t(10, 3) = 15 forward steps', async () => {
    const r = await runExperiment(schedule, { layers: 9, slots: 2 });
    expect(r.checks.filter((c) => !c.pass)).toEqual([]);
    expect(r.values.forward).toBe(15);
    const table = r.tables[0]!;
    expect(table.columns).toEqual(['#', 'op', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'memory']);
    expect(table.rows.length).toBe(r.values.ops);
    expect(table.rows[0]!.slice(1, 6)).toEqual(['advance 4', 'f', 'f', 'f', 'f']);
    expect(table.rows.flat().filter((c) => c === 'B').length).toBe(9);
    expect(r.series.map((s) => s.plot)).toEqual(['Schedule', 'Memory in use']);
    isJson(r);
  });

  it('plans and validates every strategy on an uneven chain', async () => {
    for (const strategy of ['every-k', 'every-k-cached', 'checkpoint-sequential', 'chen', 'revolve', 'optimal', 'two-level', 'disk-all']) {
      const r = await runExperiment(schedule, { strategy, chain: 'uneven', budget: 8 });
      expect(r.checks.filter((c) => !c.pass), strategy).toEqual([]);
    }
  });

  it('rejects a DP budget below the minimum and unknown strategies', async () => {
    await expect(runExperiment(schedule, { strategy: 'optimal', budget: 1 })).rejects.toThrow(/at least 2 memory units/);
    await expect(runExperiment(schedule, { strategy: 'magic' })).rejects.toThrow(ParamError);
  });
});

describe('cancellation', () => {
  it('a long remat-planner run stops promptly and keeps the strategies it finished', async () => {
    const controller = new AbortController();
    const run = runExperiment(getExperiment('remat-planner'), { layers: 100_000, budget: 102 }, {
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.fraction > 0.2) controller.abort();
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    const partial = (error as CancelledError<ExperimentResult>).partial!;
    expect(partial.status).toBe('cancelled');
    expect(partial.tables[0]!.rows.length).toBeGreaterThan(0);
  });
});
