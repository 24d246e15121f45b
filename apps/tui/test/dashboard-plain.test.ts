// Without a terminal the dashboard draws no frames: the runs as plain text (or JSON) of the runs, exit code 0 when every
// check passes, 1 when one fails, 2 for bad input.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findExperiment, type Experiment } from '@hw3/core';
import { runPlain } from '../src/dashboard/plain-runs.js';

const remat = findExperiment('remat')!;
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** remat with a closed form that is off by one: its first check must fail. */
const wrong: Experiment = {
  ...remat,
  id: 'remat-wrong',
  run: async (p, ctx) => {
    const out = await remat.run(p, ctx);
    const [first, ...rest] = out.checks;
    return { ...out, checks: [{ ...first!, expected: first!.expected + 1, pass: false }, ...rest] };
  },
};

async function report(experiments: Experiment[], json = false) {
  let out = '';
  const r = await runPlain({ experiments, seed: 1, json, write: (t) => (out += t), progress: () => {} });
  return { ...r, out };
}

describe('plain-text runs', () => {
  it('prints verdicts and checks without escape codes, exit code 0 when everything passes', async () => {
    const { exitCode, out } = await report([remat]);
    expect(exitCode).toBe(0);
    expect(out).not.toContain('\u001B');
    expect(out).toContain('4a–4c  remat  Rematerialization');
    expect(out).toMatch(/✓ fwd = closed form\s+20\s+20 exact/);
    expect(out).toMatch(/✓ all \d+ checks of 1 experiments pass \(seed 1\)/);
  });

  it('exit code 1 and the failing experiment named when a check fails', async () => {
    const { exitCode, out } = await report([remat, wrong]);
    expect(exitCode).toBe(1);
    expect(out).toMatch(/✗ fwd = closed form\s+20\s+21/);
    expect(out).toContain('✗ 1 of 2 experiments did not pass: remat-wrong');
  });

  it('prints one JSON object with the full results', async () => {
    const { exitCode, out } = await report([remat], true);
    expect(exitCode).toBe(0);
    const parsed = JSON.parse(out) as { pass: boolean; seed: number; results: { id: string; result: { values: Record<string, number> } }[] };
    expect(parsed.pass).toBe(true);
    expect(parsed.results[0]?.id).toBe('remat');
    expect(parsed.results[0]?.result.values.fwd).toBe(20);
  });
});

describe.skipIf(!existsSync(main))('npm start without a terminal (dist/main.js)', () => {
  it('exit code 2 and a message on stderr for bad input', () => {
    const badSeed = spawnSync(process.execPath, [main, '--seed', 'x'], { encoding: 'utf8' });
    expect(badSeed.status).toBe(2);
    expect(badSeed.stderr).toContain('--seed must be an integer from 0 to 2^53 − 1, got "x"');
    const unknown = spawnSync(process.execPath, [main, '--bogus'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    expect(unknown.stdout).toBe('');
    const unknownExperiment = spawnSync(process.execPath, [main, '--only', 'remmat'], { encoding: 'utf8' });
    expect(unknownExperiment.status).toBe(2);
    expect(unknownExperiment.stderr).toMatch(/--only "remmat" is not an experiment \(did you mean remat/);
  });

  it('runs only the experiments asked for, piped: plain text and exit code 0', () => {
    const run = spawnSync(process.execPath, [main, '--only', '4b', '--seed', '3'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/✓ all \d+ checks of 1 experiments pass \(seed 3\)/);
    expect(run.stdout).not.toContain('\u001B');
    expect(run.stderr).toContain('[1/1] 4a–4c remat');
  });
});
