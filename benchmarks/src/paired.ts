// Ratio to a hardware limit measured in pairs: one limit call, then one batch of the case, repeatedly, so both halves
// of a pair see the same machine (other processes, memory-bus load, clock). The median of the per-pair ratios is far
// steadier than a ratio of two medians taken minutes apart when the load drifts.

/** A limit case kept prepared for the whole run. */
export interface LimitProbe {
  run(): unknown;
  /** Bytes per call. */
  work: number;
  /** Median time of one call (ms), to budget the rounds. */
  perCallMs: number;
  dispose(): void;
}

export interface PairOptions {
  probe: LimitProbe;
  /** Most pairs to time. */
  rounds: number;
}

let sink: unknown;

/** The last probe result (kept so the probe calls cannot be dropped). */
export function pairedSink(): unknown {
  return sink;
}

/**
 * Median over `rounds` pairs of (caseBytes / caseTime) / (probeBytes / probeTime).
 * @param runBatch runs `batch` calls of the case (already warmed up).
 * @param now the run's clock (ms).
 */
export function pairedRatio(
  runBatch: () => void,
  batchBytes: number,
  probe: LimitProbe,
  rounds: number,
  now: () => number,
): number {
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = now();
    sink = probe.run();
    const t1 = now();
    runBatch();
    const t2 = now();
    ratios.push(batchBytes / (t2 - t1) / (probe.work / (t1 - t0)));
  }
  ratios.sort((a, b) => a - b);
  const mid = ratios.length >> 1;
  return ratios.length % 2 === 1 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
}
