// Least-squares slopes, the measured exponent of a power law on log-log axes among them.

/** Ordinary least squares y ≈ a + b·x with the slope's standard error (residual-based). */
export function linearFit(x: readonly number[], y: readonly number[]): { slope: number; intercept: number; slopeStderr: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i]! - intercept - slope * x[i]!) ** 2;
  const slopeStderr = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : NaN;
  return { slope, intercept, slopeStderr };
}
