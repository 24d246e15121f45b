// The run store on real temporary files: save/find/list/remove/export round trips, and what it refuses.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getExperiment, runExperiment, type ExperimentResult } from '@hw3/core';
import { openDatabaseForTest } from './helpers.js';
import {
  APPLICATION_ID,
  canonicalJson,
  codeVersion,
  diffRuns,
  machineInfo,
  parseExportFile,
  RunStore,
  RunStoreError,
  SCHEMA_VERSION,
  toExportFile,
} from '../src/index.js';

let dir: string;
let remat: ExperimentResult;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hw3-store-'));
  remat = await runExperiment(getExperiment('remat'), {}, { seed: 1 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const newRun = (result: ExperimentResult) => ({ result, code: codeVersion(), machine: machineInfo(), wallMs: 12.5, cpuMs: 10 });

function expectStoreError(fn: () => unknown, code: string): RunStoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RunStoreError);
    expect((error as RunStoreError).code).toBe(code);
    return error as RunStoreError;
  }
  throw new Error(`expected a RunStoreError ${code}`);
}

describe('run store', () => {
  it('stores a run and finds it again by identity, whatever the parameters’ key order', () => {
    const store = RunStore.open(join(dir, 'a', 'nested', 'runs.sqlite'));
    const saved = store.save(newRun(remat));
    expect(saved.result).toEqual(remat);
    const shuffled = Object.fromEntries(Object.entries(remat.params).reverse());
    const found = store.findIdentical({ experiment: 'remat', params: shuffled, seed: 1, codeVersion: codeVersion().id });
    expect(found?.id).toBe(saved.id);
    expect(store.findIdentical({ experiment: 'remat', params: remat.params, seed: 2, codeVersion: codeVersion().id })).toBeUndefined();
    expect(store.findIdentical({ experiment: 'remat', params: remat.params, seed: 1, codeVersion: '0.0.0+other' })).toBeUndefined();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
  });

  it('never reuses a cancelled run, lists newest first, removes all or nothing', () => {
    const store = RunStore.open(join(dir, 'list.sqlite'));
    const a = store.save(newRun(remat));
    const b = store.save(newRun({ ...remat, status: 'cancelled' }));
    expect(store.findIdentical({ experiment: 'remat', params: remat.params, seed: 1, codeVersion: codeVersion().id })?.id).toBe(a.id);
    expect(store.list().map((r) => r.id)).toEqual([b.id, a.id]);
    expect(store.list({ experiment: 'nope' })).toEqual([]);
    expectStoreError(() => store.remove([a.id, 999]), 'RUN_NOT_FOUND');
    expect(store.list()).toHaveLength(2);
    expect(store.remove([a.id])).toBe(1);
    expect(store.list().map((r) => r.id)).toEqual([b.id]);
    store.close();
  });

  it('exports and imports runs exactly, once', () => {
    const from = RunStore.open(join(dir, 'from.sqlite'));
    from.save(newRun(remat));
    const file = JSON.stringify(toExportFile(from.all()));
    const to = RunStore.open(join(dir, 'to.sqlite'));
    expect(to.saveMany(parseExportFile(file, 'export.json'))).toEqual({ added: 1, skipped: 0 });
    expect(to.saveMany(parseExportFile(file, 'export.json'))).toEqual({ added: 0, skipped: 1 });
    const [original] = from.all();
    const [copy] = to.all();
    expect(copy!.uid).toBe(original!.uid);
    expect(canonicalJson(copy!.result)).toBe(canonicalJson(original!.result));
    expect(diffRuns(original!, copy!)).toMatchObject({ params: [], seed: null, codeVersion: null, values: [], checks: [] });
    from.close();
    to.close();
  });

  it('rejects an export file that is not one, naming the field, and imports nothing', () => {
    expectStoreError(() => parseExportFile('{', 'x.json'), 'IMPORT_INVALID');
    const bad = { format: 'hw3-runs', version: 1, exportedAt: 'now', runs: [{ uid: 'u', createdAt: 'yesterday' }] };
    const error = expectStoreError(() => parseExportFile(JSON.stringify(bad), 'x.json'), 'IMPORT_INVALID');
    expect(error.message).toMatch(/runs\.0\./);
  });

  it('diffs values and parameters of two runs', async () => {
    const other = await runExperiment(getExperiment('remat'), { layers: 12 }, { seed: 1 });
    const store = RunStore.open(join(dir, 'diff.sqlite'));
    const d = diffRuns(store.save(newRun(remat)), store.save(newRun(other)));
    expect(d.params.map((p) => p.name)).toContain('layers');
    expect(d.values.length).toBeGreaterThan(0);
    store.close();
  });
});

describe('files the store refuses, untouched', () => {
  it('a text file', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'my notes\n');
    const before = fileHash(path);
    expect(expectStoreError(() => RunStore.open(path), 'STORE_NOT_SQLITE').message).toContain(path);
    expect(fileHash(path)).toBe(before);
  });

  it('another program’s SQLite database', () => {
    const path = join(dir, 'foreign.sqlite');
    const other = new Database(path);
    other.exec('CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES (\'ada\')');
    other.close();
    const before = fileHash(path);
    expectStoreError(() => RunStore.open(path), 'STORE_FOREIGN');
    expect(fileHash(path)).toBe(before);
  });

  it('a store from a newer hw3', () => {
    const path = join(dir, 'newer.sqlite');
    RunStore.open(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = fileHash(path);
    expectStoreError(() => RunStore.open(path), 'STORE_NEWER_SCHEMA');
    expect(fileHash(path)).toBe(before);
  });

  it('a damaged store (valid header, garbage pages)', () => {
    const path = join(dir, 'damaged.sqlite');
    const store = RunStore.open(path);
    for (let i = 0; i < 20; i++) store.save(newRun({ ...remat, seed: i }));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const bytes = readFileSync(path);
    // Keep the 100-byte header, overwrite page 1's schema and everything after it.
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(path, bytes);
    const before = fileHash(path);
    const error = expectStoreError(() => {
      const s = RunStore.open(path);
      try {
        s.list();
      } finally {
        s.close();
      }
    }, 'STORE_CORRUPT');
    expect(error.message).toContain('damaged');
    expect(fileHash(path)).toBe(before);
  });
});

describe('schema versions', () => {
  it('migrates a version-1 store (made by the version-1 migration) and keeps its runs', () => {
    const path = join(dir, 'v1.sqlite');
    const v1 = openDatabaseForTest(path, 1);
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    expect(v1.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'cells'").get()).toEqual({ n: 0 });
    v1.close();
    // A run as a version-1 hw3 wrote it.
    const raw = new Database(path);
    raw
      .prepare(
        `INSERT INTO runs (uid, identity, experiment, params, seed, code_version, code, status, checks_passed, checks_total, result, wall_ms, cpu_ms, machine, created_at)
         VALUES ('old-run', 'x', 'remat', ?, 1, 'v', ?, 'complete', 1, 1, ?, 1, NULL, ?, '2026-01-01T00:00:00.000Z')`,
      )
      .run(canonicalJson(remat.params), JSON.stringify(codeVersion()), JSON.stringify(remat), JSON.stringify(machineInfo()));
    raw.close();
    const store = RunStore.open(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(store.list().map((r) => r.uid)).toEqual(['old-run']);
    expect(store.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'cells'").get()).toEqual({ n: 1 });
    store.close();
  });
});
