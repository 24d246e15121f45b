// Every parameter and the seed live in the URL query. Reading is forgiving: each bad or unknown entry becomes a
// message and that parameter falls back to its default; nothing from the URL is ever used as a property name.
// Reading runs in the worker (it needs the experiment's schema); writing runs there and in the tests.
import { formatParamText, type ParamField } from '@hw3/core/experiments/params';
import type { Experiment } from '@hw3/core/experiments/api';
import { describeValue } from '@hw3/core/errors';
import { checkField } from '@hw3/client/fields';
import { checkSeedText, DEFAULT_SEED } from '@hw3/client/seed';

/** Messages listed one by one; past this, unknown entries are only counted. */
const MAX_PROBLEMS = 20;

export interface FormState {
  /** Text per field name, as typed (or as read from the URL). */
  texts: Map<string, string>;
  seedText: string;
}

export interface QueryState extends FormState {
  /** Validated values, keyed by field name (defaults where the URL was bad or silent). */
  params: Record<string, unknown>;
  seed: number;
  /** One message per ignored URL entry. */
  problems: string[];
}

/** The defaults as a form state. */
export function defaultForm(fields: readonly ParamField[]): FormState {
  return { texts: new Map(fields.map((f) => [f.name, formatParamText(f.default)])), seedText: String(DEFAULT_SEED) };
}

/** Reads the query string into a valid parameter set plus messages for every entry that was ignored. */
export function readQuery(experiment: Experiment, fields: readonly ParamField[], query: URLSearchParams): QueryState {
  const problems: string[] = [];
  const known = new Map(fields.map((f) => [f.name, f]));
  const texts = new Map<string, string>();
  // A null-prototype object, filled only with known field names: `__proto__` in a query cannot reach a prototype.
  const params: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const field of fields) {
    params[field.name] = field.default;
    texts.set(field.name, formatParamText(field.default));
  }
  let seed = DEFAULT_SEED;
  let seedText = String(DEFAULT_SEED);
  const seen = new Set<string>();
  let ignored = 0;
  for (const [key, raw] of query.entries()) {
    // A hostile address may carry thousands of entries: say how many were ignored past the first few.
    if (problems.length >= MAX_PROBLEMS && (seen.has(key) || (!known.has(key) && key !== 'seed'))) {
      ignored++;
      continue;
    }
    if (seen.has(key)) {
      problems.push(`${describeValue(key)} appears more than once; the first value is used.`);
      continue;
    }
    seen.add(key);
    if (key === 'seed') {
      const c = checkSeedText(raw);
      if (c.ok) {
        seed = c.value;
        seedText = raw.trim();
      } else problems.push(`${c.message}; using the default seed ${DEFAULT_SEED}.`);
      continue;
    }
    const field = known.get(key);
    if (!field) {
      problems.push(`Unknown parameter ${describeValue(key)} ignored (known: ${[...known.keys(), 'seed'].join(', ')}).`);
      continue;
    }
    const c = checkField(experiment, field, raw);
    if (c.ok) {
      params[field.name] = c.value;
      texts.set(field.name, raw);
    } else {
      problems.push(`${c.message}; using the default ${formatParamText(field.default)}.`);
    }
  }
  if (ignored > 0) problems.push(`… and ${ignored} more unknown or repeated entries ignored.`);
  return { texts, seedText, params: { ...params }, seed, problems };
}

/** The query string for a parameter set (every field and the seed, in schema order). */
export function writeQuery(fields: readonly ParamField[], params: Record<string, unknown>, seed: number): string {
  const q = new URLSearchParams();
  for (const f of fields) q.set(f.name, formatParamText(params[f.name] ?? f.default));
  q.set('seed', String(seed));
  return q.toString();
}
