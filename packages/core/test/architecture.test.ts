// The architecture check (scripts/check-layers.mjs with the rules of scripts/layer-rules.cjs) passes on the real code
// and fails on a fixture that breaks each rule once, so a ✓ here means the rules hold, not that the check is blind.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE, cruiseRoots, depcruise } from '../scripts/check-layers.mjs';

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function violations(cwd: string, roots: string[]): Violation[] {
  const run = depcruise(cwd, roots, 'json');
  expect(run.stderr).toBe('');
  const summary = (JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } }).summary;
  expect(summary.totalCruised).toBeGreaterThan(roots.length);
  return summary.violations;
}

describe('architecture rules (dependency-cruiser)', () => {
  it('core has no import cycle, every layer imports downwards, apps use only public entries', () => {
    const roots = cruiseRoots();
    expect(roots).toEqual(expect.arrayContaining(['src', '../../apps/tui/src', '../../apps/web/src']));
    const found = violations(CORE, roots).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual([]);
  });

  it('fails on a fixture that breaks each rule once', () => {
    const fixture = join(CORE, 'test', 'fixtures', 'layers');
    const found = violations(fixture, ['core/src', 'apps']).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual([
      'apps-resolve-core: apps/demo/src/main.ts → @hw3/core/dist/base/rng.js',
      'apps-use-public-entries: apps/demo/src/main.ts → core/src/base/rng.ts',
      'layer-base: core/src/base/rng.ts → core/src/stats/mean.ts',
      'no-circular: core/src/base/rng.ts → core/src/stats/mean.ts',
      'no-root-files: core/src/loose.ts → core/src/base/rng.ts',
    ]);
  });
});
