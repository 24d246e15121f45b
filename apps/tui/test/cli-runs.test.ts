// `hw3 run` keeping runs in the store, and `hw3 runs …`, on a temporary store file, spawned as a user would.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hw3-cli-runs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function hw3(args: string[], env: NodeJS.ProcessEnv = {}, interruptOn?: RegExp): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (interruptOn && !interrupted && interruptOn.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const listIds = async (store: string) => (JSON.parse((await hw3(['runs', 'list', '--json', '--store', store])).stdout) as { runs: { id: number }[] }).runs.map((r) => r.id);

describe('hw3 run keeps every run', { timeout: 180_000 }, () => {
  const store = join(dir, 'runs.sqlite');

  it('stores a run, returns it for an identical request (same bytes), runs again with --fresh, skips with --no-store', async () => {
    const first = await hw3(['run', 'remat', '--json'], { HW3_STORE: store });
    expect(first.code, first.stderr).toBe(0);
    const again = await hw3(['run', 'remat', '--json', '--store', store, '--layers', '10']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/stored run #1 of .*--fresh runs it again/);
    expect(again.stdout).toBe(first.stdout);
    const fresh = await hw3(['run', 'remat', '--json', '--store', store, '--fresh']);
    expect(fresh.stdout).toBe(first.stdout);
    const off = await hw3(['run', 'remat', '--json', '--store', store, '--no-store']);
    expect(off.stdout).toBe(first.stdout);
    expect(await listIds(store)).toEqual([2, 1]);
  });

  it('two hw3 processes writing the same store at once both land', async () => {
    const path = join(dir, 'two.sqlite');
    const [a, b] = await Promise.all([hw3(['run', 'remat', '--json', '--store', path]), hw3(['run', 'remat', '--json', '--store', path, '--seed', '2'])]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect((await listIds(path)).sort()).toEqual([1, 2]);
  });

  it('runs list/show/diff/export/import/rm', async () => {
    const show = await hw3(['runs', 'show', '1', '--json', '--store', store]);
    expect(show.code).toBe(0);
    const run = JSON.parse(show.stdout) as { result: unknown; codeVersion: string; machine: { cores: number } };
    expect(run.result).toEqual(JSON.parse((await hw3(['run', 'remat', '--json', '--store', store])).stdout));
    expect(run.codeVersion).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{16}$/);
    const human = await hw3(['runs', 'show', '1', '--store', store]);
    expect(human.stdout).toMatch(/run #1 .* stored/);
    expect(human.stdout).toMatch(/4a–4c\s+remat/);
    const diff = JSON.parse((await hw3(['runs', 'diff', '1', '2', '--json', '--store', store])).stdout) as { values: unknown[]; params: unknown[] };
    expect(diff).toMatchObject({ values: [], params: [] });
    const exported = join(dir, 'export.json');
    expect((await hw3(['runs', 'export', '--out', exported, '--store', store])).code).toBe(0);
    const other = join(dir, 'other.sqlite');
    expect(JSON.parse((await hw3(['runs', 'import', exported, '--json', '--store', other])).stdout)).toEqual({ added: 2, skipped: 0 });
    expect(JSON.parse((await hw3(['runs', 'import', exported, '--json', '--store', other])).stdout)).toEqual({ added: 0, skipped: 2 });
    expect(JSON.parse((await hw3(['runs', 'rm', '1', '--json', '--store', other])).stdout)).toEqual({ removed: 1 });
    expect(await listIds(other)).toEqual([2]);
    const list = await hw3(['runs', 'list', '--store', store]);
    expect(list.stdout).toMatch(/^\s+id\s+when\s+experiment/);
    expect(list.stdout).toMatch(/remat\s+1\s+✓/);
  });
});

describe('a sweep interrupted with Ctrl-C resumes', { timeout: 300_000 }, () => {
  it('the rerun computes only the missing cells and prints the uninterrupted result, bit for bit', async () => {
    const store = join(dir, 'sweep.sqlite');
    const args = ['run', 'lr-transfer', '--preset', 'smoke', '--seed', '4', '--json', '--store', store];
    const [reference, interrupted] = await Promise.all([
      hw3(['run', 'lr-transfer', '--preset', 'smoke', '--seed', '4', '--json', '--no-store']),
      hw3([...args, '--progress'], {}, / [4-9]\/54 runs/),
    ]);
    expect(reference.code, reference.stderr).toBe(0);
    expect(interrupted.code, interrupted.stderr).toBe(130);
    const resumed = await hw3([...args, '--progress']);
    expect(resumed.code, resumed.stderr).toBe(0);
    // Progress starts from the stored cells, not from zero.
    expect(resumed.stderr).toMatch(/ ([4-9]|[1-4]\d)\/54 runs/);
    expect(resumed.stderr).not.toMatch(/ 0\/54 runs/);
    expect(resumed.stdout).toBe(reference.stdout);
  });
});

describe.concurrent('bad input to the run store: exit 2, typed error, nothing touched', { timeout: 120_000 }, () => {
  it('a file that is not a store', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'my notes\n');
    const hash = () => createHash('sha256').update(readFileSync(notes)).digest('hex');
    const before = hash();
    const r = await hw3(['run', 'remat', '--json', '--store', notes]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'STORE_NOT_SQLITE', param: '--store', value: notes } });
    expect(r.stderr).toMatch(/is not an hw3 run store.*left untouched/);
    expect(hash()).toBe(before);
  });

  it.each([
    [['runs', 'show', '0'], 'INVALID_ARGUMENT', '<id>'],
    [['runs', 'show', '77'], 'RUN_NOT_FOUND', '<id>'],
    [['runs', 'rm', '1', 'x'], 'INVALID_ARGUMENT', '<id>'],
    [['runs', 'list', '--limit', '-1'], 'INVALID_ARGUMENT', '--limit'],
    [['runs', 'import', 'nowhere.json'], 'IMPORT_INVALID', '<file>'],
  ])('%j', async (args, code, param) => {
    const store = join(dir, `bad-${args.join('-')}.sqlite`);
    const r = await hw3([...args, '--json', '--store', store]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code, param } });
    // A bad argument is refused before the store is opened, so no store file is made for it.
    if (code !== 'RUN_NOT_FOUND') expect(existsSync(store), `${store} was created`).toBe(false);
  });

  it('HW3_STORE=off: nothing to list', async () => {
    const r = await hw3(['runs', 'list', '--json'], { HW3_STORE: 'off' });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { param: '--store', value: 'off' } });
  });
});
