// Command-line options of `npm run bench -- [options]`.
import { parseArgs } from 'node:util';
import { suites } from './registry.js';
import type { MeasureOptions } from './measure.js';
import type { Clock } from './clock.js';

export interface RunOptions {
  /** Selected suite names, in registry order (the limits are always measured: ratios need them). */
  suites: string[];
  /** --vs numpy: run the numpy twins between our cases. */
  vsNumpy: boolean;
  /** --no-native: skip the native probe (limits from WASM alone). */
  native: boolean;
  sizes: number[];
  quick: boolean;
  out: string | undefined;
  measure: MeasureOptions;
  list: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--suite NAME[,NAME…]] [--quick] [--sizes N[,N…]] [--vs numpy] [--clock wall|cpu] [--no-native] [--out FILE] [--list]

  --suite   run only these suites (repeatable or comma-separated); the limits always run ('limits' alone: only them)
  --vs      numpy: time each case's numpy twin (python3 + numpy, one BLAS thread) right after it, in alternating
            rounds, and add a "vs numpy" column (our throughput / numpy's); with --clock cpu both sides are
            timed by their own process's CPU time
  --no-native  limits from the WASM probes only (default: also a native C probe, compiled now when cc exists)
  --quick   fewer samples per case (< 30 s in all); same sizes
  --sizes   problem sizes n (default 256,1024,4096)
  --clock   wall (default): elapsed time; cpu: this process's CPU time, which leaves out the time other
            processes hold the core on a busy machine (not their memory-bus load)
  --out     where to write the JSON results (default benchmarks/results/latest.json)
  --list    list the suites and exit`;

export const DEFAULT_SIZES = [256, 1024, 4096];

/** Thrown for bad command-line input; run.ts prints the message and exits with status 2. */
export class UsageError extends Error {}

function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** @throws UsageError naming the option and value for unknown suites, bad sizes or unknown flags. */
export function parseOptions(argv: readonly string[]): RunOptions {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the assignment from parseArgs below (its type follows the option table).
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        suite: { type: 'string', multiple: true },
        sizes: { type: 'string', multiple: true },
        quick: { type: 'boolean', default: false },
        out: { type: 'string' },
        clock: { type: 'string', default: 'wall' },
        vs: { type: 'string' },
        'no-native': { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const known = suites.map((s) => s.name);
  const wanted = list(values.suite);
  for (const name of wanted) {
    if (name !== 'limits' && !known.includes(name)) {
      throw new UsageError(`--suite: unknown suite "${name}" (known: limits, ${known.join(', ')})`);
    }
  }
  const selected = wanted.length === 0 ? known : known.filter((name) => wanted.includes(name));
  if (values.vs !== undefined && values.vs !== 'numpy') throw new UsageError(`--vs: "${values.vs}" is not "numpy" (the only twin set)`);
  const sizeText = list(values.sizes);
  const sizes = sizeText.length === 0 ? DEFAULT_SIZES : sizeText.map(Number);
  for (const [i, n] of sizes.entries()) {
    if (!Number.isInteger(n) || n < 1 || n > 8192) {
      throw new UsageError(`--sizes: "${sizeText[i]}" is not an integer from 1 to 8192`);
    }
  }
  const clock = values.clock ?? 'wall';
  if (clock !== 'wall' && clock !== 'cpu') throw new UsageError(`--clock: "${clock}" is not "wall" or "cpu"`);
  const quick = values.quick ?? false;
  return {
    suites: selected,
    vsNumpy: values.vs === 'numpy',
    native: !(values['no-native'] ?? false),
    sizes,
    quick,
    out: values.out,
    list: values.list ?? false,
    help: values.help ?? false,
    measure: quick
      ? { timeMs: 60, minIterations: 3, warmupMs: 20, minSampleMs: 1, maxCaseMs: 1000, clock: clock as Clock }
      : { timeMs: 400, minIterations: 10, warmupMs: 100, minSampleMs: 2, maxCaseMs: 4000, clock: clock as Clock },
  };
}
