// How hw3 commands reach the run store: --store PATH, else $HW3_STORE, else ~/.local/share/hw3/runs.sqlite;
// HW3_STORE=off (or --no-store on `hw3 run`) keeps nothing. Store errors (not SQLite, another program's database, a
// newer schema, damaged, unknown run id) are bad input: exit 2 with what is allowed, the file left untouched.
import { defaultStorePath, RunStore, RunStoreError } from '@hw3/runs';
import { clipText } from '@hw3/core';
import { UsageError } from './exit.js';

/** The store path the options and environment name, or undefined when storing is off. */
export function storePath(option: unknown): string | undefined {
  if (option === false) return undefined;
  if (typeof option === 'string') return option;
  if (process.env.HW3_STORE === 'off') return undefined;
  return defaultStorePath();
}

/** A store error as the CLI's bad-input error, naming --store (or the run id) and what is allowed. */
export function storeUsageError(error: RunStoreError): UsageError {
  const param = error.code === 'RUN_NOT_FOUND' ? '<id>' : error.code === 'IMPORT_INVALID' ? '<file>' : '--store';
  return new UsageError(error.message, { code: error.code, param, value: clipText(error.subject, 200), allowed: error.allowed });
}

/** Runs `fn`, such as reading an export file before the store is opened, mapping store errors to exit 2. */
export function asStoreInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw error instanceof RunStoreError ? storeUsageError(error) : error;
  }
}

/** Opens the store, mapping store errors to exit 2. */
export function openStore(path: string, options: { readonly?: boolean } = {}): RunStore {
  return asStoreInput(() => RunStore.open(path, options));
}

/** Runs `fn` with the store open (closed after), mapping store errors to exit 2. */
export async function withStore<T>(path: string, fn: (store: RunStore) => T | Promise<T>, options: { readonly?: boolean } = {}): Promise<T> {
  const store = openStore(path, options);
  try {
    return await fn(store);
  } catch (error) {
    throw error instanceof RunStoreError ? storeUsageError(error) : error;
  } finally {
    store.close();
  }
}
