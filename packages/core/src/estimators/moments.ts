// Reading the kernels' streamed moments: mean, variance, and the standard errors of both.

/** f64 per output in a stats block: [n, mean, M2, M3, M4, Σ f·s², Σ s²]. */
export const STAT_WORDS = 7;

/** Summary of the streamed estimates of one output. */
export interface MomentSummary {
  n: number;
  mean: number;
  /** Unbiased sample variance. */
  variance: number;
  /** Standard error of the mean, √(variance / n). */
  stderr: number;
  /** Standard error of `variance`, from the fourth central moment: √((m₄ − s⁴(n − 3)/(n − 1)) / n). */
  varianceStderr: number;
  /** Fourth central moment m₄ = M4 / n. */
  m4: number;
}

/** Summarises output `i` of a stats block. */
export function summarize(stats: Float64Array, i: number): MomentSummary {
  const o = i * STAT_WORDS;
  const n = stats[o]!;
  const mean = stats[o + 1]!;
  const variance = n > 1 ? stats[o + 2]! / (n - 1) : NaN;
  const m4 = stats[o + 4]! / n;
  const varOfVar = n > 3 ? (m4 - (variance * variance * (n - 3)) / (n - 1)) / n : NaN;
  return { n, mean, variance, stderr: Math.sqrt(variance / n), varianceStderr: Math.sqrt(Math.max(0, varOfVar)), m4 };
}
