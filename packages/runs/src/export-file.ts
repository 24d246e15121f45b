// Reading an export file from disk (the format itself, shared with the explorer, is in export-format.ts).
import { readFileSync } from 'node:fs';
import { RunStoreError } from './errors.js';
import { parseExportFile, type ExportedRun } from './export-format.js';

/** Reads an export file. @throws RunStoreError IMPORT_INVALID (unreadable, not JSON, wrong format). */
export function readExportFile(path: string): ExportedRun[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RunStoreError('IMPORT_INVALID', path, `cannot read ${path}: ${(error as Error).message}`, 'a readable export file');
  }
  return parseExportFile(text, path);
}
