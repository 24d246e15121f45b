// The run store: every run of an experiment kept in one SQLite file (no server), each written in one transaction,
// so a run is in the file complete or not at all, whatever happens to the process writing it.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { ExperimentResult } from '@hw3/core';
import type { CodeVersion } from './code-version.js';
import { RunStoreError } from './errors.js';
import { canonicalJson, identityKey, type RunIdentity } from './identity.js';
import type { MachineInfo } from './machine.js';
import { asStoreError, openDatabase } from './schema.js';

/** A run to store: the runner's result and what it ran on. */
export interface NewRun {
  result: ExperimentResult;
  code: CodeVersion;
  machine: MachineInfo;
  wallMs: number;
  /** CPU time of this process during the run (worker threads included; other processes not). */
  cpuMs?: number | null;
  /** Kept when importing (so a run imported twice is stored once); new otherwise. */
  uid?: string;
  createdAt?: string;
}

/** One line of `hw3 runs list`. */
export interface RunSummary {
  id: number;
  uid: string;
  experiment: string;
  params: Record<string, unknown>;
  seed: number;
  codeVersion: string;
  status: 'complete' | 'cancelled';
  checksPassed: number;
  checksTotal: number;
  wallMs: number;
  createdAt: string;
}

/** A stored run with everything kept about it. */
export interface StoredRun extends RunSummary {
  code: CodeVersion;
  machine: MachineInfo;
  cpuMs: number | null;
  result: ExperimentResult;
}

interface RunRow {
  id: number;
  uid: string;
  experiment: string;
  params: string;
  seed: number;
  code_version: string;
  code: string;
  status: 'complete' | 'cancelled';
  checks_passed: number;
  checks_total: number;
  result?: string;
  wall_ms: number;
  cpu_ms: number | null;
  machine?: string;
  created_at: string;
}

const SUMMARY_COLUMNS = 'id, uid, experiment, params, seed, code_version, code, status, checks_passed, checks_total, wall_ms, cpu_ms, created_at';

function summary(row: RunRow): RunSummary {
  return {
    id: row.id,
    uid: row.uid,
    experiment: row.experiment,
    params: JSON.parse(row.params) as Record<string, unknown>,
    seed: row.seed,
    codeVersion: row.code_version,
    status: row.status,
    checksPassed: row.checks_passed,
    checksTotal: row.checks_total,
    wallMs: row.wall_ms,
    createdAt: row.created_at,
  };
}

function full(row: RunRow): StoredRun {
  return {
    ...summary(row),
    code: JSON.parse(row.code) as CodeVersion,
    machine: JSON.parse(row.machine!) as MachineInfo,
    cpuMs: row.cpu_ms,
    result: JSON.parse(row.result!) as ExperimentResult,
  };
}

/** Where the store lives unless told: $HW3_STORE, else $XDG_DATA_HOME/hw3/runs.sqlite, else ~/.local/share/hw3/runs.sqlite. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HW3_STORE) return env.HW3_STORE;
  const data = env.XDG_DATA_HOME || `${env.HOME ?? '.'}/.local/share`;
  return `${data}/hw3/runs.sqlite`;
}

/** An open run store. Close it when done (other processes may use the same file meanwhile). */
export class RunStore {
  readonly path: string;
  /** The open database, for the sweep-cell cache that shares the file. */
  readonly db: Database.Database;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
  }

  /**
   * Opens the store at `path`, creating it (and its folder) when missing, migrating an older schema.
   * @throws RunStoreError when the file is not SQLite, belongs to another program, is newer or damaged (untouched).
   */
  static open(path: string, options: { readonly?: boolean } = {}): RunStore {
    if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
    return new RunStore(path, openDatabase(path, options));
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn`, turning SQLite's "damaged file" errors into a RunStoreError naming the file. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw asStoreError(error, this.path);
    }
  }

  /** Stores a run in one transaction and returns it as stored. */
  save(run: NewRun): StoredRun {
    const r = run.result;
    const row = {
      uid: run.uid ?? randomUUID(),
      identity: identityKey({ experiment: r.id, params: r.params, seed: r.seed, codeVersion: run.code.id }),
      experiment: r.id,
      params: canonicalJson(r.params),
      seed: r.seed,
      code_version: run.code.id,
      code: JSON.stringify(run.code),
      status: r.status,
      checks_passed: r.checks.filter((c) => c.pass).length,
      checks_total: r.checks.length,
      result: JSON.stringify(r),
      wall_ms: run.wallMs,
      cpu_ms: run.cpuMs ?? null,
      machine: JSON.stringify(run.machine),
      created_at: run.createdAt ?? new Date().toISOString(),
    };
    return this.guard(() => {
      const insert = this.db.prepare(
        `INSERT INTO runs (uid, identity, experiment, params, seed, code_version, code, status, checks_passed, checks_total, result, wall_ms, cpu_ms, machine, created_at)
         VALUES (@uid, @identity, @experiment, @params, @seed, @code_version, @code, @status, @checks_passed, @checks_total, @result, @wall_ms, @cpu_ms, @machine, @created_at)`,
      );
      const id = this.db.transaction(() => Number(insert.run(row).lastInsertRowid)).immediate();
      return this.get(id)!;
    });
  }

  /** The newest complete run with this identity (same experiment, canonical parameters, seed, code version). */
  findIdentical(identity: RunIdentity): StoredRun | undefined {
    return this.guard(() => {
      const row = this.db
        .prepare("SELECT * FROM runs WHERE identity = ? AND status = 'complete' ORDER BY created_at DESC, id DESC LIMIT 1")
        .get(identityKey(identity)) as RunRow | undefined;
      return row ? full(row) : undefined;
    });
  }

  /** Runs newest first, optionally of one experiment, at most `limit` (default all). */
  list(options: { experiment?: string; limit?: number } = {}): RunSummary[] {
    return this.guard(() => {
      const where = options.experiment !== undefined ? 'WHERE experiment = @experiment' : '';
      const rows = this.db
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs ${where} ORDER BY created_at DESC, id DESC LIMIT @limit`)
        .all({ ...(options.experiment !== undefined ? { experiment: options.experiment } : {}), limit: options.limit ?? -1 }) as RunRow[];
      return rows.map(summary);
    });
  }

  get(id: number): StoredRun | undefined {
    return this.guard(() => {
      const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
      return row ? full(row) : undefined;
    });
  }

  /** The run with this id. @throws RunStoreError RUN_NOT_FOUND. */
  require(id: number): StoredRun {
    const run = this.get(id);
    if (!run) throw new RunStoreError('RUN_NOT_FOUND', String(id), `no stored run has id ${id} (in ${this.path})`, 'the id of a stored run (`hw3 runs list` shows them)');
    return run;
  }

  /** Every stored run in full, oldest first (for export). */
  all(ids?: readonly number[]): StoredRun[] {
    if (ids) return ids.map((id) => this.require(id));
    return this.guard(() => (this.db.prepare('SELECT * FROM runs ORDER BY created_at, id').all() as RunRow[]).map(full));
  }

  /** Removes runs by id in one transaction. @throws RunStoreError RUN_NOT_FOUND (nothing removed) for an unknown id. */
  remove(ids: readonly number[]): number {
    return this.guard(() =>
      this.db
        .transaction(() => {
          const del = this.db.prepare('DELETE FROM runs WHERE id = ?');
          for (const id of ids) {
            if (del.run(id).changes === 0) {
              throw new RunStoreError('RUN_NOT_FOUND', String(id), `no stored run has id ${id} (in ${this.path}); nothing was removed`, 'the id of a stored run (`hw3 runs list` shows them)');
            }
          }
          return ids.length;
        })
        .immediate(),
    );
  }

  /** Stores runs kept elsewhere (an export file), skipping those already here (same uid); one transaction. */
  saveMany(runs: readonly NewRun[]): { added: number; skipped: number } {
    return this.guard(() =>
      this.db
        .transaction(() => {
          let added = 0;
          const known = this.db.prepare('SELECT 1 FROM runs WHERE uid = ?');
          for (const run of runs) {
            if (run.uid !== undefined && known.get(run.uid)) continue;
            this.save(run);
            added++;
          }
          return { added, skipped: runs.length - added };
        })
        .immediate(),
    );
  }
}
