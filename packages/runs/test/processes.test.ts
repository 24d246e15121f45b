// Separate processes on one store file: two writing at once (WAL, one transaction at a time), four creating the same
// new stores at once, and one killed with SIGKILL in the middle of its writes (each run is in the file complete or not
// at all).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../src/index.js';

const writer = fileURLToPath(new URL('./fixtures/writer.mjs', import.meta.url));
const opener = fileURLToPath(new URL('./fixtures/opener.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hw3-store-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startWriter(store: string, count: number, pad: number, tag: string) {
  const child = spawn(process.execPath, [writer, store, String(count), String(pad), tag], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, done, saved: () => out.split('\n').filter((l) => l.startsWith('saved ')).length, stderr: () => err };
}

describe('processes sharing a store', () => {
  // Hang guards only (each writer starts a Node process and writes megabytes): generous for a loaded CI machine.
  it('two writers at once: every run of both is stored, intact', { timeout: 300_000 }, async () => {
    const path = join(dir, 'concurrent.sqlite');
    const a = startWriter(path, 60, 2000, 'a');
    const b = startWriter(path, 60, 2000, 'b');
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra, a.stderr()).toEqual({ code: 0, signal: null });
    expect(rb, b.stderr()).toEqual({ code: 0, signal: null });
    const store = RunStore.open(path);
    const runs = store.all();
    expect(runs).toHaveLength(120);
    for (const tag of ['a', 'b']) {
      const mine = runs.filter((r) => r.result.tables.at(-1)!.title.startsWith(`${tag} `));
      expect(mine.map((r) => r.seed).sort((x, y) => x - y)).toEqual([...Array(60).keys()]);
    }
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });

  // Before the fix, 4 processes opening 50 new stores in step failed 53 of 800 opens: SQLITE_BUSY from the switch to
  // WAL, and STORE_FOREIGN from reading a store's marks while another process committed them.
  it('four processes creating the same new stores at once: every open succeeds', { timeout: 120_000 }, async () => {
    const stores = join(dir, 'new-at-once');
    mkdirSync(stores);
    const count = 40;
    const start = Date.now() + 1500; // after every process has started
    const outputs = await Promise.all(
      [1, 2, 3, 4].map(
        () =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(process.execPath, [opener, stores, String(count), String(start)], { stdio: ['ignore', 'pipe', 'inherit'] });
            let out = '';
            child.stdout.on('data', (d) => (out += d));
            child.on('error', reject);
            child.on('close', () => resolve(out)); // 'close', not 'exit': after stdout's last line
          }),
      ),
    );
    for (const out of outputs) expect(out.split('\n').filter((l) => l.startsWith('error '))).toEqual([]);
    expect(outputs.map((out) => out.split('\n').filter((l) => l.startsWith('ok ')).length)).toEqual([count, count, count, count]);
    for (let i = 0; i < count; i++) {
      const store = RunStore.open(join(stores, `s${i}.sqlite`));
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      store.close();
    }
  });

  it('a writer killed mid-write: the file opens, every run in it is complete, the rest are absent', { timeout: 300_000 }, async () => {
    const path = join(dir, 'killed.sqlite');
    // 8 MB per run: each commit takes long enough that the kill lands inside one most of the time.
    const w = startWriter(path, 1000, 8_000_000, 'k');
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (w.saved() >= 3) {
          clearInterval(timer);
          // A few milliseconds into the next write.
          setTimeout(() => {
            w.child.kill('SIGKILL');
            resolve();
          }, 7);
        }
      }, 2);
      w.done.then(() => reject(new Error(`writer ended before it was killed: ${w.stderr()}`)));
    });
    expect((await w.done).signal).toBe('SIGKILL');
    const store = RunStore.open(path);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const runs = store.all();
    expect(runs.length).toBeGreaterThanOrEqual(3);
    runs.forEach((r, i) => {
      expect(r.seed).toBe(i);
      const pad = r.result.tables.at(-1)!;
      expect(pad.title).toBe(`k ${i}`);
      expect(String(pad.rows[0]![0])).toHaveLength(8_000_000);
    });
    // The store still takes new runs.
    store.save({ ...runs[0]!, result: runs[0]!.result, uid: 'after-the-kill' });
    expect(store.list()).toHaveLength(runs.length + 1);
    store.close();
  });
});
