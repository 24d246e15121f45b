// The explorer's "Export runs" and "Import runs": kept runs written as the file `hw3 runs import` reads, and a file of
// `hw3 runs export` (or of another browser's Export runs) read and checked field by field, with the very code the
// terminal uses (@hw3/runs/export-format), loaded when a button is pressed so pages do not carry it up front.
import type { ExportedRun } from '@hw3/runs/export-format';
import { saveBlob } from './export-files';

/** Saves these runs as an export file under `name`. */
export async function saveRunsFile(runs: readonly ExportedRun[], name: string): Promise<void> {
  const { toExportFile } = await import('@hw3/runs/export-format');
  saveBlob(name, new Blob([`${JSON.stringify(toExportFile(runs))}\n`], { type: 'application/json' }));
}

/** The runs of an export file. @throws RunStoreError IMPORT_INVALID (unreadable, not JSON, not an export), naming
 * the file and the first bad field. */
export async function readRunsFile(file: File): Promise<ExportedRun[]> {
  const { parseExportFile, RunStoreError } = await import('@hw3/runs/export-format');
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    throw new RunStoreError('IMPORT_INVALID', file.name, `cannot read ${file.name}: ${(error as Error).message}; nothing was imported`, 'a readable export file');
  }
  return parseExportFile(text, file.name);
}
