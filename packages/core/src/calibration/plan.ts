// How many seeds, and which preset, each experiment is calibrated with by default: at least 200 seeds where a run
// takes seconds, at least 30 (on a smaller preset) for the ones that train networks for minutes.
/** How many seeds, and which preset, an experiment is calibrated with by default. */
/** Seeds and preset an experiment is calibrated with by default. */
export interface CalibrationPlanEntry {
  seeds: number;
  preset?: string;
  /** Why the preset, when there is one. */
  reason?: string;
}

const LONG = 30;
const SHORT = 200;

const PLAN: Record<string, CalibrationPlanEntry> = {
  'lr-transfer': { seeds: LONG, preset: 'smoke', reason: 'a default run trains 180 networks (≈ 10 min); smoke trains 16 on the synthetic task' },
  spectral: { seeds: LONG, preset: 'quick', reason: 'widths 128, 512, 2048 and 3 initialisations (default: 5 widths, 4 initialisations)' },
  'coord-check': { seeds: LONG, preset: 'quick', reason: 'widths 128, 512, 2048 and 2 seeds averaged (default: 6 widths, 3 seeds)' },
};

/** The default plan for an experiment id. */
export function calibrationPlan(id: string): CalibrationPlanEntry {
  return PLAN[id] ?? { seeds: SHORT };
}
