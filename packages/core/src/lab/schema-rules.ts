// Rules that zod's per-field bounds cannot say: a grid a slope is fitted over needs distinct values, and a range given
// as two fields (minTrials, maxTrials) must not be reversed. Each names the parameter, its value and what is allowed.
import type { z } from 'zod';

/** A list of grid values (e.g. widths) over which a log–log slope is fitted: at least two, all distinct. */
export function gridOf<T extends z.ZodArray<z.ZodNumber>>(schema: T) {
  return schema.superRefine((values, ctx) => {
    const repeated = values.filter((v, i) => values.indexOf(v) !== i);
    if (repeated.length > 0) {
      ctx.addIssue({
        code: 'custom',
        input: values,
        message: `must hold distinct values (a slope is fitted across them); ${[...new Set(repeated)].join(', ')} repeated`,
      });
    }
  });
}

/** Cross-field rule: `low` ≤ `high` for each pair of fields, reported on the `high` field (or on `low` if asked). */
export function orderedPairs<T extends Record<string, unknown>>(
  pairs: readonly (readonly [low: keyof T & string, high: keyof T & string, reportOn?: 'low' | 'high'])[],
) {
  return (params: T, ctx: z.RefinementCtx) => {
    for (const [low, high, reportOn = 'high'] of pairs) {
      const a = params[low];
      const b = params[high];
      if (typeof a !== 'number' || typeof b !== 'number' || a <= b) continue;
      if (reportOn === 'high') ctx.addIssue({ code: 'custom', path: [high], input: b, message: `must be ≥ ${low} (${a})` });
      else ctx.addIssue({ code: 'custom', path: [low], input: a, message: `must be ≤ ${high} (${b})` });
    }
  };
}
