// What each number in an experiment's `values` means: a label, a unit, one sentence, optionally TeX, and which other
// value is its standard error. Apps render "label = value ± error unit" from this; JSON keeps the raw keys for scripts.
//
// A key may hold placeholders in braces, e.g. `crossoverD1B{B}` for the keys `crossoverD1B4`, `crossoverD1B32` that
// one value per batch size B produces; `{B}` in the label, meaning, TeX and `stderr` is replaced by what it matched.

/** What one value of an experiment's result means. */
export interface ValueInfo {
  /** Short human name shown instead of the key, e.g. 'slope in d₁'. */
  label: string;
  /** Unit written after the number ('ns', 'steps', 'log₂ LR', 'nats'); '' for a dimensionless number. */
  unit: string;
  /** One sentence: what was measured or computed, and what theory says of it where it says something. */
  meaning: string;
  /** The quantity as TeX, where a symbol helps (e.g. '\\hat s_{d_1}'). */
  tex?: string;
  /** Key of the value that holds this value's standard error (e.g. 'slopeD1Stderr' for 'slopeD1'). */
  stderr?: string;
}

/** Metadata for every value an experiment can produce, by key (keys may hold `{placeholders}`). */
export type ValueCatalog = Readonly<Record<string, ValueInfo>>;

/** A value of a result with its metadata, its standard error folded in. */
export interface DescribedValue extends ValueInfo {
  key: string;
  value: number | null;
  /** The standard error's value, when the catalog names one and the result holds it. */
  stderrValue?: number | null;
}

/**
 * An estimate and its standard error as two catalog entries: `key` (pointing at `${key}Stderr`) and `${key}Stderr`.
 * The standard error has the estimate's unit.
 */
export function estimateWithStderr(key: string, info: Omit<ValueInfo, 'stderr'>, how = 'standard error'): Record<string, ValueInfo> {
  const stderrKey = `${key}Stderr`;
  return {
    [key]: { ...info, stderr: stderrKey },
    [stderrKey]: { label: `${how} of ${info.label}`, unit: info.unit, meaning: `The ${how} of “${info.label}”.` },
  };
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
const templates = new WeakMap<ValueCatalog, { pattern: RegExp; names: string[]; info: ValueInfo }[]>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function templatesOf(catalog: ValueCatalog) {
  let list = templates.get(catalog);
  if (!list) {
    list = Object.entries(catalog)
      .filter(([key]) => key.includes('{'))
      .map(([key, info]) => {
        const names: string[] = [];
        const source = key
          .split(PLACEHOLDER)
          .map((part, i) => (i % 2 === 1 ? (names.push(part), '([A-Za-z0-9.+-]+?)') : escapeRegExp(part)))
          .join('');
        return { pattern: new RegExp(`^${source}$`), names, info };
      });
    templates.set(catalog, list);
  }
  return list;
}

function fill(text: string, bound: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => bound[name] ?? whole);
}

/** The metadata of one value key (an exact entry, else the first `{placeholder}` entry that matches), or undefined. */
export function valueInfo(catalog: ValueCatalog, key: string): ValueInfo | undefined {
  if (Object.hasOwn(catalog, key) && !key.includes('{')) return catalog[key];
  for (const { pattern, names, info } of templatesOf(catalog)) {
    const match = pattern.exec(key);
    if (!match) continue;
    const bound = Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
    return {
      label: fill(info.label, bound),
      unit: info.unit,
      meaning: fill(info.meaning, bound),
      ...(info.tex !== undefined ? { tex: fill(info.tex, bound) } : {}),
      ...(info.stderr !== undefined ? { stderr: fill(info.stderr, bound) } : {}),
    };
  }
  return undefined;
}

/**
 * The values of a result in their order, each with its metadata; a standard error named by its estimate is folded
 * into that estimate (`stderrValue`) and not listed on its own. A key without metadata is listed under its own name
 * (a test keeps every registered experiment's catalog complete, so apps never show one).
 */
export function describeValues(catalog: ValueCatalog, values: Readonly<Record<string, number | null>>): DescribedValue[] {
  const infos = new Map(Object.keys(values).map((key) => [key, valueInfo(catalog, key)]));
  const folded = new Set<string>();
  for (const info of infos.values()) if (info?.stderr !== undefined && Object.hasOwn(values, info.stderr)) folded.add(info.stderr);
  const described: DescribedValue[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (folded.has(key)) continue;
    const info = infos.get(key) ?? { label: key, unit: '', meaning: '' };
    described.push({
      ...info,
      key,
      value,
      ...(info.stderr !== undefined && Object.hasOwn(values, info.stderr) ? { stderrValue: values[info.stderr]! } : {}),
    });
  }
  return described;
}

/** A number formatter: the value, or a standard error with `digits` significant digits. */
export type NumberFormat = (value: number | null, digits?: number) => string;

/** The number part of a described value: `2.0005 ± 0.011 ns` (no "±" without a standard error, no unit if dimensionless). */
export function valueAmountText(value: DescribedValue, format: NumberFormat): string {
  const error = value.stderrValue !== undefined && value.stderrValue !== null ? ` ± ${format(value.stderrValue, 2)}` : '';
  return `${format(value.value)}${error}${value.unit ? ` ${value.unit}` : ''}`;
}

/** One line per value: `slope in d₁ = 2.0005 ± 0.011`, `time = 500 ns`. */
export function valueText(value: DescribedValue, format: NumberFormat): string {
  return `${value.label} = ${valueAmountText(value, format)}`;
}

/** A CSV-ready table of a result's values: a header of labels, one row per value, the raw key last (for scripts). */
export function valuesTable(catalog: ValueCatalog, values: Readonly<Record<string, number | null>>): { columns: string[]; rows: (string | number | null)[][] } {
  return {
    columns: ['quantity', 'value', 'standard error', 'unit', 'meaning', 'key'],
    rows: describeValues(catalog, values).map((v) => [v.label, v.value, v.stderrValue ?? null, v.unit, v.meaning, v.key]),
  };
}
