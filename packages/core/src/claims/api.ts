/**
 * The claim checker's contract. A question registers its variables, a grid of points and a measurement at one point;
 * `checkClaim` evaluates a claimed formula at every point and compares it with the measurement: exactly for
 * deterministic quantities (simulations), with standard errors and a family-wise false-alarm rate for Monte Carlo ones.
 */
import type { Rng } from '../base/rng.js';

/** One variable a formula may use. */
export interface ClaimVariable {
  name: string;
  description: string;
}

/** A point of the grid: a value for every variable of the question. */
export type ClaimPoint = Record<string, number>;

/** What a question's measurement returns at one point. */
export interface ClaimMeasurement {
  measured: number;
  /** Standard error of `measured` (statistical questions); 0 or absent for exact ones. */
  stderr?: number;
  /** Trials behind a Monte Carlo mean (the threshold uses Student t with trials − 1 degrees of freedom). */
  trials?: number;
}

/** What a question's `measure` gets for one grid point. */
export interface ClaimMeasureContext {
  /** A generator for this point only (streams are independent across points). */
  rng: Rng;
  signal?: AbortSignal;
}

/** A homework question whose answer can be claimed as a formula: its variables, grid and how to measure a point. */
export interface ClaimQuestion {
  /** Homework question, e.g. '1b'. */
  question: string;
  /** What is measured, in words (e.g. 'E‖y′‖²_rms for y′ = sign(x gᵀ) x'). */
  quantity: string;
  /** Variables a formula may use; every grid point gives each a value. */
  variables: ClaimVariable[];
  /** 'exact': deterministic (compared up to rounding); 'statistical': Monte Carlo (compared in standard errors). */
  kind: 'exact' | 'statistical';
  /** The points the claim is tested at (a few dozen at most: statistical ones must run in seconds). */
  grid: ClaimPoint[];
  /** Why this grid (shown with the verdict). */
  gridNote?: string;
  /** The homework's own setting: a formula without variables (a plain number) is checked here only. */
  homeworkPoint?: ClaimPoint;
  /** The measurement at one point. May be slow; it should return promptly when `signal` aborts. */
  measure(point: ClaimPoint, ctx: ClaimMeasureContext): ClaimMeasurement | Promise<ClaimMeasurement>;
}

/** One point of evidence. */
export interface ClaimEvidence {
  point: ClaimPoint;
  /** The formula's value there; null where it is not a finite number. */
  claimed: number | null;
  measured: number;
  /** 0 for exact questions. */
  stderr: number;
  /** (measured − claimed)/stderr for statistical questions; null for exact ones or where claimed is null. */
  z: number | null;
  /** Trials behind `measured` (statistical questions). */
  trials?: number;
  /** |z| allowed here (statistical) or the absolute tolerance (exact). */
  threshold: number;
  agrees: boolean;
}

/** The verdict on a claimed formula, with the evidence at every grid point. */
export interface ClaimResult {
  question: string;
  /** The formula as typed (trimmed). */
  claim: string;
  /** The formula as parsed (explicit operators), so a user sees how it was read. */
  parsed: string;
  quantity: string;
  verdict: 'consistent' | 'refuted';
  kind: 'exact' | 'statistical';
  evidence: ClaimEvidence[];
  /** How disagreement is decided: family-wise α (statistical) or the relative tolerance (exact). */
  threshold: { familyAlpha?: number; perPointAlpha?: number; relativeTolerance?: number; description: string };
  seed: number;
  /** Notes for people: which grid, why only the homework point, where the claim is undefined. */
  notes: string[];
  /** 'complete', or 'cancelled' (evidence holds the points measured before the cancel; the verdict covers those). */
  status: 'complete' | 'cancelled';
  /** The smallest relative deviation from the measurements this check would detect at its budget. */
  resolution: ClaimResolution;
}

/**
 * What a verdict can see: a claim that differs from the truth by a factor (1 + ε) everywhere shifts each point's z by
 * ε·|measured|/stderr, so it is expected to be refuted only once ε exceeds threshold·stderr/|measured| at some point.
 * The smallest of these over the grid is the resolution; below it, "consistent" says nothing about the difference.
 */
export interface ClaimResolution {
  /** Smallest detectable relative deviation (e.g. 0.026 for 2.6 %); null when no point has a non-zero measurement. */
  relative: number | null;
  /** The grid point that resolves it. */
  point: ClaimPoint | null;
  /** One sentence, e.g. "at this budget deviations below 2.6 % cannot be detected". */
  description: string;
}

/** What {@link checkClaim} is asked: the question, the claimed formula, and how to run. */
export interface CheckClaimOptions {
  /** A question id, e.g. '1b' (or an experiment id/part the question answers, e.g. 'signgd-update', '4b'). */
  question: string;
  formula: string;
  seed?: number;
  signal?: AbortSignal;
  /** Called now and then with the fraction of grid points measured. */
  onProgress?: (progress: { fraction: number; message?: string }) => void;
  /** Family-wise false-alarm rate for statistical questions (default FAMILY_ALPHA = 1e-3). */
  alpha?: number;
}
