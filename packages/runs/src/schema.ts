// The store's file: how it is recognised (SQLite's application_id), its schema version (SQLite's user_version) and
// the migrations from each version to the next. Opening checks before it writes anything: a file that is not SQLite,
// an SQLite database of another program, or one from a newer hw3 is refused and left exactly as it was.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { RunStoreError } from './errors.js';

/** "HW3R": marks an SQLite file as an hw3 run store. */
export const APPLICATION_ID = 0x48573352;

/** Each entry takes the schema from version i to i + 1 (entry 0 creates version 1). Never edit a shipped entry. */
export const MIGRATIONS: readonly string[] = [
  // 1: every run of an experiment, with what identifies it and what it took.
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     uid TEXT NOT NULL UNIQUE,
     identity TEXT NOT NULL,
     experiment TEXT NOT NULL,
     params TEXT NOT NULL,
     seed INTEGER NOT NULL,
     code_version TEXT NOT NULL,
     code TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('complete', 'cancelled')),
     checks_passed INTEGER NOT NULL,
     checks_total INTEGER NOT NULL,
     result TEXT NOT NULL,
     wall_ms REAL NOT NULL,
     cpu_ms REAL,
     machine TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX runs_by_identity ON runs (identity, created_at);
   CREATE INDEX runs_by_experiment ON runs (experiment, created_at);`,
  // 2: sweep cells (one training run each), stored as they finish so an interrupted sweep resumes.
  `CREATE TABLE cells (
     key TEXT PRIMARY KEY,
     experiment TEXT NOT NULL,
     cell TEXT NOT NULL,
     code_version TEXT NOT NULL,
     result TEXT NOT NULL,
     machine TEXT NOT NULL,
     created_at TEXT NOT NULL
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

const SQLITE_HEADER = 'SQLite format 3\0';

function notSqlite(path: string): RunStoreError {
  return new RunStoreError('STORE_NOT_SQLITE', path, `${path} is not an hw3 run store (not an SQLite database); it was left untouched`, 'an hw3 run store file, or a path where a new one can be created');
}

/** Refuses, before SQLite touches it, a non-empty file that does not start with SQLite's header. */
function checkHeader(path: string): void {
  if (!existsSync(path) || statSync(path).size === 0) return;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n < 16 || head.toString('latin1') !== SQLITE_HEADER) throw notSqlite(path);
  } finally {
    closeSync(fd);
  }
}

/** SQLite's own "this is damaged" errors, as a RunStoreError naming the file. */
export function asStoreError(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_NOTADB') return notSqlite(path);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_CORRUPT_INDEX' || code === 'SQLITE_CORRUPT_VTAB') {
    return new RunStoreError('STORE_CORRUPT', path, `${path} is damaged (${(error as Error).message}); it was left untouched — move it aside to start a new store`, 'an undamaged hw3 run store file');
  }
  return error;
}

function readVersion(db: Database.Database): { appId: number; version: number; tables: number } {
  return {
    appId: db.pragma('application_id', { simple: true }) as number,
    version: db.pragma('user_version', { simple: true }) as number,
    tables: (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n,
  };
}

/** Checks what the file is, refusing anything but an empty file or an hw3 store of this or an older version. */
function checkOwner(db: Database.Database, path: string): void {
  // One read transaction, so the three values come from one snapshot: read one by one, they can straddle another
  // process's commit of a new store (application_id still 0, tables already there) and look like another program's.
  const { appId, version, tables } = db.transaction(() => readVersion(db)).deferred();
  if (appId === 0 && tables === 0 && version === 0) return; // new, empty
  if (appId !== APPLICATION_ID) {
    throw new RunStoreError('STORE_FOREIGN', path, `${path} is an SQLite database of another program (application_id ${appId}, ${tables} tables); it was left untouched`, 'an hw3 run store file, or a path where a new one can be created');
  }
  if (version > SCHEMA_VERSION) {
    throw new RunStoreError('STORE_NEWER_SCHEMA', path, `${path} has run-store schema version ${version}, newer than this hw3 knows (${SCHEMA_VERSION}); it was left untouched — update hw3 to read it`, `a store of schema version ≤ ${SCHEMA_VERSION}`);
  }
}

/** Brings the schema up to `target` (default: the newest) in one transaction; safe when processes race to do it. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  db.transaction(() => {
    const { version } = readVersion(db); // re-read inside the write lock: another process may have migrated
    if (version === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (let v = version; v < target; v++) db.exec(MIGRATIONS[v]!);
    if (version < target) db.pragma(`user_version = ${target}`);
  }).immediate();
}

const BUSY_TIMEOUT_MS = 15_000;

/** Blocks this thread for `ms` (better-sqlite3 is synchronous, so the retry below is too). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Turns a new store to WAL. SQLite takes the exclusive lock this needs without calling the busy handler, so when
 * several processes open a new store at once all but one get SQLITE_BUSY at once, whatever the timeout (measured: 4
 * processes opening 50 new stores in step, 11 to 34 of 800 opens failed this way). Retried, with a growing pause,
 * until the same timeout as every other lock wait.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 1; ; pause = Math.min(2 * pause, 50)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() + pause > deadline) throw error;
      sleepSync(pause);
    }
  }
}

/** Opens (creating if need be) an hw3 run store: checked, in WAL mode, migrated. @throws RunStoreError. */
export function openDatabase(path: string, options: { readonly?: boolean; migrateTo?: number } = {}): Database.Database {
  checkHeader(path);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS, ...(options.readonly ? { readonly: true, fileMustExist: true } : {}) });
    checkOwner(db, path);
    if (!options.readonly) {
      // WAL: readers never block the writer and several processes can write (one transaction at a time).
      enableWal(db);
      db.pragma('synchronous = FULL');
      migrate(db, options.migrateTo);
    }
    return db;
  } catch (error) {
    db?.close();
    throw asStoreError(error, path);
  }
}
