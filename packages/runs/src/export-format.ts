// The file `hw3 runs export` writes and `hw3 runs import` reads, and the explorer's "Export runs" and "Import runs"
// too: JSON, one object {format, version, exportedAt, runs}. Imported files are validated field by field before
// anything is stored. No Node imports here: the explorer's page parses and writes the same format with this module.
import { z } from 'zod';
import { RunStoreError } from './errors.js';
import type { ExperimentResult } from '@hw3/core';
import type { CodeVersion } from './code-version.js';
import type { MachineInfo } from './machine.js';

export type { CodeVersion, MachineInfo };
export { RunStoreError };

export const EXPORT_FORMAT = 'hw3-runs' as const;
export const EXPORT_VERSION = 1 as const;

const resultSchema = z.looseObject({
  id: z.string().min(1).max(200),
  question: z.string(),
  title: z.string(),
  seed: z.number().int().nonnegative(),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(['complete', 'cancelled']),
  values: z.record(z.string(), z.number().nullable()),
  checks: z.array(z.looseObject({ name: z.string(), pass: z.boolean() })),
  series: z.array(z.unknown()),
  tables: z.array(z.unknown()),
});

const runSchema = z.object({
  uid: z.string().min(1).max(100),
  createdAt: z.iso.datetime(),
  wallMs: z.number().nonnegative(),
  cpuMs: z.number().nonnegative().nullable(),
  code: z.object({ id: z.string().min(1), coreVersion: z.string(), codeSha256: z.string(), wasmSha256: z.string() }),
  machine: z.object({ hostname: z.string(), platform: z.string(), arch: z.string(), cpuModel: z.string(), cores: z.number(), memoryGiB: z.number(), node: z.string() }),
  result: resultSchema,
});

const fileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  runs: z.array(runSchema),
});

/** One run in an export file (and one run the explorer keeps in the browser). */
export interface ExportedRun {
  uid: string;
  createdAt: string;
  wallMs: number;
  /** CPU time of the computing process; null where it cannot be measured (a browser). */
  cpuMs: number | null;
  code: CodeVersion;
  machine: MachineInfo;
  result: ExperimentResult;
}
/** An export file's content. */
export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  runs: ExportedRun[];
}

/** The export file for these runs (stored runs carry more fields; only the exported ones are kept). */
export function toExportFile(runs: readonly ExportedRun[]): ExportFile {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    runs: runs.map((r) => ({ uid: r.uid, createdAt: r.createdAt, wallMs: r.wallMs, cpuMs: r.cpuMs, code: r.code, machine: r.machine, result: r.result })),
  };
}

/** Parses and checks an export file's text. @throws RunStoreError IMPORT_INVALID naming the first bad field. */
export function parseExportFile(text: string, source: string): ExportedRun[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RunStoreError('IMPORT_INVALID', source, `${source} is not JSON (${(error as Error).message}); nothing was imported`, `a file written by \`hw3 runs export\` or the explorer's Export runs`);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map(String).join('.') || '(top level)';
    throw new RunStoreError('IMPORT_INVALID', source, `${source} is not an hw3 runs export: ${where}: ${issue.message}; nothing was imported`, `a file written by \`hw3 runs export\` or the explorer's Export runs (format "${EXPORT_FORMAT}", version ${EXPORT_VERSION})`);
  }
  return parsed.data.runs.map((r) => ({ ...r, result: r.result as unknown as ExperimentResult }));
}
