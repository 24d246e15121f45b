// Every verdict says what it could have seen: the smallest relative deviation detectable at the current budget.
import { describe, expect, it } from 'vitest';
import { checkClaim, claimResolution } from '../src/claims/check.js';

describe('claim resolution', () => {
  it('`1.02*d1` is consistent for 1a because 2 % is below what the budget resolves — and the verdict says so', async () => {
    const r = await checkClaim('1a', '1.02*d1');
    expect(r.verdict).toBe('consistent');
    expect(r.resolution.relative!).toBeGreaterThan(0.02);
    expect(r.resolution.description).toMatch(/^at this budget deviations below \d+\.\d %/);
    // A deviation well above the resolution is refuted.
    const far = await checkClaim('1a', `${1 + 3 * r.resolution.relative!}*d1`);
    expect(far.verdict).toBe('refuted');
  }, 120_000);

  it('exact questions resolve rounding only', async () => {
    const r = await checkClaim('4b', 'n');
    expect(r.resolution.relative!).toBeLessThanOrEqual(1e-9);
    expect(r.resolution.description).toMatch(/^exact/);
  }, 60_000);

  it('is the smallest threshold × stderr / |measured| over the points', () => {
    const e = (measured: number, stderr: number, threshold: number) => ({ point: { d1: measured }, claimed: measured, measured, stderr, z: 0, threshold, agrees: true });
    const r = claimResolution([e(10, 0.1, 4), e(100, 0.5, 4), e(0, 1, 4)], true);
    expect(r.relative).toBeCloseTo(0.02, 12);
    expect(r.point).toEqual({ d1: 100 });
    expect(claimResolution([e(0, 1, 4)], true).relative).toBeNull();
  });
});
