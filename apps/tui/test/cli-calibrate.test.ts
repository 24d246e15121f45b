// `hw3 calibrate`, spawned as a user would: a few seeds of fast experiments with --json (one JSON object, per-check
// counts and power), on worker threads and in-process alike; the report file and its Markdown; bad input → exit 2.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function hw3(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'hw3-calibrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hw3 calibrate', { timeout: 180_000 }, () => {
  it('--json: one object with every check counted over the seeds, the same on 2 worker threads as in-process', async () => {
    const [inline, threads] = await Promise.all([
      hw3(['calibrate', 'remat', '4b', '--seeds', '3', '--json']),
      hw3(['calibrate', 'remat', '--seeds', '3', '--json', '--workers', '2']),
    ]);
    expect(inline.code).toBe(0);
    expect(threads.code).toBe(0);
    const report = JSON.parse(inline.stdout);
    expect(report.format).toBe('hw3-calibration/1');
    // `remat` and `4b` name the same experiment: calibrated once.
    expect(report.experiments.map((e: { id: string }) => e.id)).toEqual(['remat']);
    const remat = report.experiments[0];
    expect(remat.seeds).toBe(3);
    expect(remat.anyFailure).toMatchObject({ failures: 0, runs: 3 });
    for (const c of remat.checks) {
      expect(c.falseAlarms.runs).toBe(3);
      expect(c.deterministic).toBe(true);
      expect(c.power.failures).toBe(3); // an exact count cannot survive a closed form 5 % off
    }
    const strip = (e: { elapsedMs: number; ranAt: string }) => ({ ...e, elapsedMs: 0, ranAt: '' });
    expect(strip(JSON.parse(threads.stdout).experiments[0])).toEqual(strip(remat));
  });

  it('--report writes the JSON and the Markdown beside it, merging experiments', async () => {
    const file = join(dir, 'calibration.json');
    expect((await hw3(['calibrate', 'remat', '--seeds', '2', '--report', file])).code).toBe(0);
    expect((await hw3(['calibrate', 'remat-schedule', '--seeds', '2', '--report', file])).code).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.experiments.map((e: { id: string }) => e.id)).toEqual(['remat', 'remat-schedule']);
    const md = readFileSync(join(dir, 'calibration.md'), 'utf8');
    expect(md).toContain('## remat:');
    expect(md).toContain('`hw3 calibrate remat-schedule --seeds 2 --first-seed 1`');
    // The seeds that follow extend the entry (a slow experiment is calibrated in sittings); others replace it.
    expect((await hw3(['calibrate', 'remat-schedule', '--seeds', '2', '--first-seed', '3', '--report', file])).code).toBe(0);
    const extended = JSON.parse(readFileSync(file, 'utf8')).experiments[1];
    expect([extended.firstSeed, extended.seeds, extended.anyFailure.runs, extended.parts.length]).toEqual([1, 4, 4, 2]);
    expect(readFileSync(join(dir, 'calibration.md'), 'utf8')).toContain('`hw3 calibrate remat-schedule --seeds 4 --first-seed 1`');
  });

  it('bad input: exit 2 naming the flag or experiment', async () => {
    const cases: [string[], RegExp][] = [
      [['calibrate', 'nope', '--seeds', '2'], /experiment/],
      [['calibrate', 'remat', '--seeds', '0'], /--seeds/],
      [['calibrate', 'remat', '--seeds', '2', '--preset', 'nope'], /--preset "nope"/],
      [['calibrate', 'remat', '--delta', '7'], /--delta/],
    ];
    for (const [args, message] of cases) {
      const r = await hw3(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
