import type { MeasureOptions } from './measure.js';

// What a benchmark suite is: a named list of cases, built lazily so each case owns its memory only while it runs.

/** 'wasm': our kernels through @hw3/core; 'js': the plain-TS reference; 'numpy': the numpy twin (--vs numpy). */
export type Variant = 'wasm' | 'js' | 'numpy';

import type { LimitKind } from './limits.js';
export type { LimitKind } from './limits.js';

/** Throughput units. GB/s is 10⁹ bytes per second. */
export type ThroughputUnit = 'GB/s' | 'M samples/s' | 'M layers/s' | 'GFLOP/s';

/** --quick drops JS-reference cases above this size (their calls take up to a second; their rate does not depend on n). */
export const QUICK_JS_MAX_SIZE = 1024;

/** Work units per throughput unit: bytes → GB/s divides by 10⁹, samples/layers → M…/s by 10⁶. */
export const UNIT_SCALE: Record<ThroughputUnit, number> = { 'GB/s': 1e9, 'M samples/s': 1e6, 'M layers/s': 1e6, 'GFLOP/s': 1e9 };

/** A case made ready to time: memory allocated and touched. */
export interface PreparedCase {
  /** One call of the operation under test. Its return value is kept by the harness, so nothing is optimised away. */
  run(): unknown;
  /** Frees what `prepare` allocated. */
  dispose(): void;
}

export interface BenchCase {
  /** Operation, e.g. 'y = W x'. Cases with the same name, dtype and size are compared (wasm vs js). */
  name: string;
  variant: Variant;
  dtype: 'f32' | 'f64' | null;
  /** Problem size n (an n × n matrix, an n × n fill, an n-layer chain). */
  size: number;
  /** Work of one call in the unit's base: bytes for GB/s, samples, layers. */
  work: number;
  unit: ThroughputUnit;
  /** The hardware limit this throughput is a fraction of. */
  limit?: LimitKind;
  /** The numpy twin of this case (numpy/twins.py), for --vs numpy: its case name and arguments. */
  twin?: string;
  /** Name of the 'js' case to compare against when it differs from `name` (e.g. the typed-array path of matvec). */
  baseline?: string;
  /** Untimed: allocate inputs, fill them, touch every page. */
  prepare(): PreparedCase;
}

/** A target printed next to the figures: a ratio to a hardware limit, or an absolute throughput. */
export interface Goal {
  label: string;
  match: { name: string; dtype: 'f32' | 'f64' | null; size: number; variant: Variant };
  /** 'ratio': throughput / limit ≥ target; 'throughput': throughput (in the case's unit) ≥ target; 'numpy': ours / numpy's (--vs numpy). */
  kind: 'ratio' | 'throughput' | 'numpy';
  target: number;
}

export interface SuiteOptions {
  /** Sizes to run (the CLI's --quick picks fewer). */
  sizes: readonly number[];
  quick: boolean;
}

export interface Suite {
  /** Per-suite changes to the measurement settings (e.g. more samples for the hardware limits). */
  measure?: { full?: Partial<MeasureOptions>; quick?: Partial<MeasureOptions> };
  /** Short id used by --suite. */
  name: string;
  title: string;
  /** How the throughput column is defined, printed under the table. */
  notes: string[];
  cases(options: SuiteOptions): BenchCase[];
  goals?: Goal[];
}
