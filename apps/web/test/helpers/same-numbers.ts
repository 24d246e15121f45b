// Compares a result computed in the browser with the one computed in Node for the same seed, number by number.
// Both must be bit-identical: measurements come from the seeded PRNG and the WebAssembly kernels, and every value the
// core derives in JavaScript uses its deterministic libm (packages/core/src/libm) instead of Math.exp/log/pow/sin,
// whose last bits differ between Node 20's V8 and Chromium's. Differences are still sorted for diagnosis: relative
// ≤ 1e-12 points at a stray Math.* call (libm-level), anything larger at a different seed, stream or algorithm.
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
