// Compares a result computed in the browser with the one computed in Node for the same seed. Measurements (the
// seeded PRNG and the WebAssembly kernels) are bit-identical; values the core derives in JavaScript with
// Math.exp/log/pow/sin (closed forms, Student-t thresholds) are not: Node 20's V8 and Chromium's V8 ship different
// libm routines (measured on this machine: Math.exp differs in the last bit for ~10 % of inputs), and a closed form
// can amplify that to a few dozen ulps. A different seed, stream or algorithm changes numbers at the 1e-3 level or
// more, so a relative difference above 1e-12 fails; smaller ones are listed separately for the report.
const RELATIVE = 1e-12;

export interface Differences {
  /** Real disagreements (or different shapes). */
  large: string[];
  /** libm-level differences (relative ≤ 1e-12). */
  lastBits: string[];
}

export function numberDifferences(browser: unknown, node: unknown, path = '', out: Differences = { large: [], lastBits: [] }): Differences {
  if (typeof browser === 'object' && browser !== null && typeof node === 'object' && node !== null) {
    if (Array.isArray(browser) !== Array.isArray(node)) out.large.push(`${path}: array vs object`);
    for (const key of new Set([...Object.keys(browser), ...Object.keys(node)])) {
      numberDifferences((browser as Record<string, unknown>)[key], (node as Record<string, unknown>)[key], `${path}.${key}`, out);
    }
    return out;
  }
  if (browser === node) return out;
  const line = `${path}: browser ${JSON.stringify(browser)}, node ${JSON.stringify(node)}`;
  if (typeof browser === 'number' && typeof node === 'number' && Math.abs(browser - node) <= RELATIVE * Math.abs(node)) out.lastBits.push(line);
  else out.large.push(line);
  return out;
}
