// Errors of the run store, each with a stable code and the thing it is about (a file path, a run id), so the CLI can
// say what is wrong and what is allowed (exit 2) instead of a stack trace.

/** Stable machine-readable codes of {@link RunStoreError}. */
export type RunStoreErrorCode =
  /** The file exists but is not an SQLite database (or is damaged beyond opening). */
  | 'STORE_NOT_SQLITE'
  /** An SQLite database that some other program made: left untouched. */
  | 'STORE_FOREIGN'
  /** Written by a newer hw3 (schema version above what this one knows): left untouched. */
  | 'STORE_NEWER_SCHEMA'
  /** The database fails SQLite's own checks. */
  | 'STORE_CORRUPT'
  /** No stored run has this id. */
  | 'RUN_NOT_FOUND'
  /** An export file that is not one (wrong format, bad fields). */
  | 'IMPORT_INVALID';

/** A run-store failure a user can act on. `subject` is the store path, run id or file it concerns. */
export class RunStoreError extends Error {
  readonly code: RunStoreErrorCode;
  readonly subject: string;
  /** What would be accepted there, in words. */
  readonly allowed: string;
  constructor(code: RunStoreErrorCode, subject: string, message: string, allowed: string) {
    super(message);
    this.name = 'RunStoreError';
    this.code = code;
    this.subject = subject;
    this.allowed = allowed;
  }
}
