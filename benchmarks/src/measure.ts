// Times one case with tinybench. Honesty rules: the case is prepared (memory allocated, filled, touched) before any
// timing; one untimed call (plus a calibration loop for cheap calls) warms the JIT and faults in lazily allocated
// memory; the GC runs before the timed phase; every call's result is kept in a module-level sink; cheap calls are
// batched so a sample is well above timer resolution, and the batch's time is divided back to one call.
import { Bench } from 'tinybench';
import { nowFor, timestampProviderFor, type Clock } from './clock.js';
import { pairedRatio, PROBE_PASS_MS, type PairOptions } from './paired.js';
import type { BenchCase } from './suite.js';

export interface MeasureOptions {
  /** tinybench time budget per case (ms); it also runs at least `minIterations` samples. */
  timeMs: number;
  minIterations: number;
  /** Warm-up budget (ms) after the untimed first call; skipped for calls slower than this (that call warmed them). */
  warmupMs: number;
  /** Calls are batched until one sample takes at least this long (ms). */
  minSampleMs: number;
  /** Slow calls get fewer samples (never fewer than MIN_SAMPLES) so one case's timed phase stays near this (ms). */
  maxCaseMs: number;
  /** What "time" means (clock.ts). */
  clock: Clock;
}

/** The fewest timed samples a case gets, however slow its calls. */
export const MIN_SAMPLES = 3;

export interface Measurement {
  /** Per call. */
  meanMs: number;
  medianMs: number;
  minMs: number;
  /** Relative margin of error of the mean (95 %, percent). */
  rme: number;
  /** Timed samples (each one batch of `batch` calls). */
  samples: number;
  batch: number;
  /** Median ratio of this case's bytes/s to the limit's in back-to-back pairs (see paired.ts), when asked for. */
  pairedRatio?: number;
}

let sink: unknown;

/** The last result of any timed call (read it once at the end so no call can be treated as dead code). */
export function sinkValue(): unknown {
  return sink;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Runs with the case still prepared, after its measurement: `runBatch` times nothing, `perCallMs` is the calibration's. */
export type AfterMeasure = (runBatch: () => void, batch: number, perCallMs: number) => void;

export function measure(benchCase: BenchCase, options: MeasureOptions, pair?: PairOptions, after?: AfterMeasure): Measurement {
  const prepared = benchCase.prepare();
  const now = nowFor(options.clock);
  try {
    const t0 = now();
    sink = prepared.run();
    let perCall = now() - t0;
    // Calibration for cheap calls: repeat them for at least minSampleMs to learn one call's cost.
    if (perCall < options.minSampleMs) {
      let calls = 0;
      const t1 = now();
      let elapsed = 0;
      do {
        sink = prepared.run();
        calls++;
        elapsed = now() - t1;
      } while (elapsed < options.minSampleMs);
      perCall = elapsed / calls;
    }
    const batch = perCall >= options.minSampleMs ? 1 : Math.ceil(options.minSampleMs / perCall);
    const iterations = Math.max(MIN_SAMPLES, Math.min(options.minIterations, Math.floor(options.maxCaseMs / perCall)));
    collectGarbage?.();
    const bench = new Bench({
      time: options.timeMs,
      iterations,
      warmup: perCall < options.warmupMs,
      warmupTime: options.warmupMs,
      warmupIterations: 1,
      timestampProvider: timestampProviderFor(options.clock),
      throws: true,
    });
    const runBatch =
      batch === 1
        ? () => {
            sink = prepared.run();
          }
        : () => {
            for (let i = 0; i < batch; i++) sink = prepared.run();
          };
    bench.add(benchCase.name, runBatch);
    bench.runSync();
    const result = bench.tasks[0]?.result;
    if (!result || !('latency' in result)) {
      const reason = result && 'error' in result ? result.error.message : (result?.state ?? 'no result');
      throw new Error(`benchmark ${benchCase.name} did not complete: ${reason}`);
    }
    const measurement: Measurement = {
      meanMs: result.latency.mean / batch,
      medianMs: result.latency.p50 / batch,
      minMs: result.latency.min / batch,
      rme: result.latency.rme,
      samples: result.latency.samplesCount,
      batch,
    };
    if (pair) {
      const pairMs = perCall * batch + PROBE_PASS_MS;
      const rounds = Math.max(MIN_SAMPLES, Math.min(pair.rounds, Math.floor(options.maxCaseMs / pairMs)));
      measurement.pairedRatio = pairedRatio(runBatch, benchCase.work * batch, pair.probe, rounds, now);
    }
    after?.(runBatch, batch, perCall);
    return measurement;
  } finally {
    prepared.dispose();
  }
}
