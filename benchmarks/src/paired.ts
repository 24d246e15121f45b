// Ratio to a hardware limit measured in pairs: one limit call, then one batch of the case, repeatedly, so both halves
// of a pair see the same machine (other processes, memory-bus load, clock). The median of the per-pair ratios is far
// steadier than a ratio of two medians taken minutes apart when the load drifts.

/** A limit probe kept ready for the whole run (limits.ts). */
export interface LimitProbe {
  /** Runs one probe pass; returns its rate in work units (bytes or flops) per millisecond. */
  rate(): number;
}

/** Budget for one probe pass when sizing the rounds (the probes take 10–40 ms a pass). */
export const PROBE_PASS_MS = 30;

export interface PairOptions {
  probe: LimitProbe;
  /** Most pairs to time. */
  rounds: number;
}

/**
 * Median over `rounds` pairs of (caseWork / caseTime) / (the probe's rate right before).
 * @param runBatch runs `batch` calls of the case (already warmed up).
 * @param now the run's clock (ms).
 */
export function pairedRatio(
  runBatch: () => void,
  batchWork: number,
  probe: LimitProbe,
  rounds: number,
  now: () => number,
): number {
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const limitRate = probe.rate();
    const t1 = now();
    runBatch();
    const t2 = now();
    ratios.push(batchWork / (t2 - t1) / limitRate);
  }
  ratios.sort((a, b) => a - b);
  const mid = ratios.length >> 1;
  return ratios.length % 2 === 1 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
}
