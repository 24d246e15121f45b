// What differs between two stored runs: their identity (parameters, seed, code) and their outcome (values, checks).
import type { StoredRun } from './store.js';
import { canonicalJson } from './identity.js';

/** One field that differs: its name and both sides (undefined: absent on that side). */
export interface FieldDiff {
  name: string;
  a: unknown;
  b: unknown;
}

/** The differences between runs a and b. */
export interface RunDiff {
  a: number;
  b: number;
  experiment: FieldDiff | null;
  params: FieldDiff[];
  seed: FieldDiff | null;
  codeVersion: FieldDiff | null;
  /** Values whose numbers differ, with b − a where both are numbers. */
  values: (FieldDiff & { delta: number | null })[];
  /** Checks whose verdict differs. */
  checks: FieldDiff[];
  /** Values that are equal, bit for bit. */
  equalValues: number;
}

function fieldDiffs(a: Record<string, unknown>, b: Record<string, unknown>): FieldDiff[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.filter((n) => canonicalJson(a[n] ?? null) !== canonicalJson(b[n] ?? null)).map((name) => ({ name, a: a[name], b: b[name] }));
}

function one(name: string, a: unknown, b: unknown): FieldDiff | null {
  return Object.is(a, b) ? null : { name, a, b };
}

export function diffRuns(a: StoredRun, b: StoredRun): RunDiff {
  const va = a.result.values;
  const vb = b.result.values;
  const values = fieldDiffs(va, vb).map((d) => ({ ...d, delta: typeof d.a === 'number' && typeof d.b === 'number' ? d.b - d.a : null }));
  const passA = Object.fromEntries(a.result.checks.map((c) => [c.name, c.pass]));
  const passB = Object.fromEntries(b.result.checks.map((c) => [c.name, c.pass]));
  return {
    a: a.id,
    b: b.id,
    experiment: one('experiment', a.experiment, b.experiment),
    params: fieldDiffs(a.params, b.params),
    seed: one('seed', a.seed, b.seed),
    codeVersion: one('codeVersion', a.codeVersion, b.codeVersion),
    values,
    checks: fieldDiffs(passA, passB),
    equalValues: Object.keys(va).filter((k) => k in vb && Object.is(va[k], vb[k])).length,
  };
}
