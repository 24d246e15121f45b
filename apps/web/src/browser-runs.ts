// Runs kept in this browser: every complete run of an explorer page, in IndexedDB, stored as the very record that
// `hw3 runs export` writes and `hw3 runs import` reads (ExportedRun), so exporting is writing records out and
// importing is checking a file and putting its records in. Storage can be missing, refused or full (private modes,
// quotas): every failure becomes a RunsNotKept the page shows, never an exception that stops the page.
import canonicalize from 'canonicalize';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ExperimentResult } from '@hw3/core/experiments/api';
import type { ExportedRun, MachineInfo } from '@hw3/runs/export-format';
import { RUN_CODE_VERSION } from './build-info';

interface RunsSchema extends DBSchema {
  runs: { key: string; value: ExportedRun; indexes: { 'by-experiment': [string, string] } };
}

const DB_NAME = 'hw3-runs';
const DB_VERSION = 1;
/** The list shows at most this many of an experiment's runs (newest first); export and open reach every run. */
export const LIST_LIMIT = 50;

/** Storage refused or failed: the page keeps working, without keeping runs. */
export class RunsNotKept extends Error {
  readonly code = 'RUNS_NOT_KEPT';
  constructor(reason: string) {
    super(reason);
    this.name = 'RunsNotKept';
  }
}

function notKept(action: string, error: unknown): RunsNotKept {
  if (error instanceof RunsNotKept) return error;
  const e = error as { name?: string; message?: string };
  const what = e?.name === 'QuotaExceededError' ? 'the browser’s storage quota for this site is used up' : `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
  return new RunsNotKept(`${action} failed: ${what}`);
}

/** What makes two runs the same run (as in `hw3`'s store): experiment, canonical parameters, seed, code version. */
function identityOf(run: ExportedRun): string {
  return canonicalize([run.result.id, run.result.params, run.result.seed, run.code.id]) ?? '';
}

/** What the list shows of a kept run. */
export interface KeptRunSummary {
  uid: string;
  createdAt: string;
  seed: number;
  params: Record<string, unknown>;
  status: ExperimentResult['status'];
  checksPassed: number;
  checksTotal: number;
  wallMs: number;
  codeVersion: string;
}

function summary(run: ExportedRun): KeptRunSummary {
  const r = run.result;
  return { uid: run.uid, createdAt: run.createdAt, seed: r.seed, params: r.params, status: r.status, checksPassed: r.checks.filter((c) => c.pass).length, checksTotal: r.checks.length, wallMs: run.wallMs, codeVersion: run.code.id };
}

/** A random RFC 4122 v4 id (crypto.randomUUID exists only on secure origins; a plain-http static host has neither). */
function newUid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The machine as a page can see it: no host name, CPU model or Node here, said so rather than guessed. */
function browserMachine(): MachineInfo {
  const memory = (navigator as { deviceMemory?: number }).deviceMemory;
  return {
    hostname: 'browser',
    platform: navigator.platform || 'unknown',
    arch: 'unknown',
    cpuModel: `unknown (${navigator.userAgent})`,
    cores: navigator.hardwareConcurrency || 0,
    memoryGiB: memory ?? 0,
    node: '',
  };
}

/** The record of a run this page computed (wall time measured on the page; a page cannot measure CPU time). */
export function pageRun(result: ExperimentResult, wallMs: number): ExportedRun {
  return { uid: newUid(), createdAt: new Date().toISOString(), wallMs, cpuMs: null, code: RUN_CODE_VERSION, machine: browserMachine(), result };
}

/** The runs kept in this browser. */
export class BrowserRuns {
  private constructor(private readonly db: IDBPDatabase<RunsSchema>) {}

  /** Opens (creating on first use) the browser's run store. @throws RunsNotKept when the browser refuses storage. */
  static async open(): Promise<BrowserRuns> {
    if (typeof indexedDB === 'undefined') throw new RunsNotKept('this browser offers no IndexedDB here (a private window or a privacy setting)');
    try {
      const db = await openDB<RunsSchema>(DB_NAME, DB_VERSION, {
        upgrade(db) {
          const runs = db.createObjectStore('runs', { keyPath: 'uid' });
          runs.createIndex('by-experiment', ['result.id', 'createdAt']);
        },
      });
      return new BrowserRuns(db);
    } catch (error) {
      throw notKept('opening the browser’s run store', error);
    }
  }

  /** Keeps one run, unless an identical run (same experiment, parameters, seed and code version: the same numbers)
   * is kept already, as after a reload that ran the page's run again. @throws RunsNotKept (quota, storage refused). */
  async keep(run: ExportedRun): Promise<'kept' | 'identical run kept already'> {
    try {
      const tx = this.db.transaction('runs', 'readwrite');
      tx.done.catch(() => undefined);
      const identity = identityOf(run);
      const range = IDBKeyRange.bound([run.result.id, ''], [run.result.id, '\uffff']);
      for (let cursor = await tx.store.index('by-experiment').openCursor(range); cursor; cursor = await cursor.continue()) {
        if (cursor.value.result.status === 'complete' && identityOf(cursor.value) === identity) {
          await tx.done;
          return 'identical run kept already';
        }
      }
      await tx.store.add(run);
      await tx.done;
      return 'kept';
    } catch (error) {
      throw notKept('keeping the run', error);
    }
  }

  /** An experiment's runs, newest first (at most LIST_LIMIT), and how many there are in all. */
  async list(experiment: string): Promise<{ runs: KeptRunSummary[]; total: number }> {
    const range = IDBKeyRange.bound([experiment, ''], [experiment, '\uffff']);
    const tx = this.db.transaction('runs');
    const index = tx.store.index('by-experiment');
    const runs: KeptRunSummary[] = [];
    for (let cursor = await index.openCursor(range, 'prev'); cursor && runs.length < LIST_LIMIT; cursor = await cursor.continue()) runs.push(summary(cursor.value));
    const total = await index.count(range);
    await tx.done;
    return { runs, total };
  }

  get(uid: string): Promise<ExportedRun | undefined> {
    return this.db.get('runs', uid);
  }

  /** Every kept run (of one experiment, or all), oldest first, for export. */
  async all(experiment?: string): Promise<ExportedRun[]> {
    if (experiment === undefined) return (await this.db.getAll('runs')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return this.db.getAllFromIndex('runs', 'by-experiment', IDBKeyRange.bound([experiment, ''], [experiment, '\uffff']));
  }

  async remove(uid: string): Promise<void> {
    await this.db.delete('runs', uid);
  }

  /** Puts checked runs in, skipping those already here (same uid), all in one transaction: all or nothing.
   * @throws RunsNotKept (quota, storage refused), with nothing stored. */
  async importRuns(runs: readonly ExportedRun[]): Promise<{ added: number; skipped: number }> {
    try {
      const tx = this.db.transaction('runs', 'readwrite');
      // A failed request aborts the transaction; its error is reported through the request (caught below).
      tx.done.catch(() => undefined);
      let added = 0;
      for (const run of runs) {
        if ((await tx.store.getKey(run.uid)) !== undefined) continue;
        await tx.store.add(run);
        added++;
      }
      await tx.done;
      return { added, skipped: runs.length - added };
    } catch (error) {
      throw notKept('importing the runs', error);
    }
  }

  close(): void {
    this.db.close();
  }
}
