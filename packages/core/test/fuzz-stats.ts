// Counts and timings the fuzz tests print at the end (generated cases, corpus cases, the slowest rejection).
export interface FuzzStats {
  generated: number;
  corpus: number;
  slowestRejectionMs: number;
}

export function createFuzzStats(): FuzzStats {
  return { generated: 0, corpus: 0, slowestRejectionMs: 0 };
}

/** Runs `run`, timing it; a thrown error is returned (and timed as a rejection), never rethrown. */
export function timed<T>(stats: FuzzStats, run: () => T): { value?: T; error?: unknown; ms: number } {
  const start = performance.now();
  try {
    const value = run();
    return { value, ms: performance.now() - start };
  } catch (error) {
    const ms = performance.now() - start;
    stats.slowestRejectionMs = Math.max(stats.slowestRejectionMs, ms);
    return { error, ms };
  }
}

export function printFuzzStats(file: string, stats: FuzzStats): void {
  process.stdout.write(`FUZZ ${file}: ${stats.generated} generated cases, ${stats.corpus} corpus cases, slowest rejection ${stats.slowestRejectionMs.toFixed(1)} ms\n`);
}
