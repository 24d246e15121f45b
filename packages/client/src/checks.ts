// How a check's error allowance reads, the same in every renderer: `± 0.0021 z 1.5/5` for a statistical check
// (standard error, z and the |z| allowed), `tol 1e-9` for a tolerance, `exact` otherwise.
import type { Check } from '@hw3/core/lab';
import { formatNumber } from './format.js';

export function checkAllowanceText(check: Check): string {
  if (check.stderr !== undefined) {
    const z = check.z !== undefined ? ` z ${formatNumber(check.z, 2)}` : '';
    const zMax = check.zMax !== undefined ? `/${formatNumber(check.zMax, 2)}` : '';
    return `± ${formatNumber(check.stderr, 2)}${z}${zMax}`;
  }
  if (check.tolerance !== undefined && check.tolerance > 0) return `tol ${formatNumber(check.tolerance, 2)}`;
  return 'exact';
}
