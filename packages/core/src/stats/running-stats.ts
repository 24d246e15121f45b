// Streaming moments: the mean and its standard error without keeping the samples.

/** Welford's streaming mean and variance. */
export class RunningStats {
  n = 0;
  mean = 0;
  #m2 = 0;

  /** Adds one observation. */
  push(x: number): void {
    this.n++;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.#m2 += delta * (x - this.mean);
  }

  /** Unbiased sample variance. */
  get variance(): number {
    return this.n > 1 ? this.#m2 / (this.n - 1) : NaN;
  }

  /** Standard error of the mean. */
  get stderr(): number {
    return Math.sqrt(this.variance / this.n);
  }
}
