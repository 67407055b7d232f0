import { isFiniteNumber } from "./dists";
import type { ArmStats } from "./types";

/** Mean per visitor (conversion rate for binomial arms); 0 for an empty arm. */
export function armMean(s: ArmStats): number {
  if (!(s.n > 0)) return 0;
  return s.kind === "binomial" ? s.conversions / s.n : s.sum / s.n;
}

/**
 * Per-visitor variance as gbstats defines it: p(1 − p) for proportions and the
 * n − 1 sample variance for means (0 when n ≤ 1). Summing squares in floating
 * point can leave a tiny negative number, which callers treat as zero variance.
 */
export function armVariance(s: ArmStats): number {
  if (s.kind === "binomial") {
    const p = armMean(s);
    return p * (1 - p);
  }
  if (s.n <= 1) return 0;
  return (s.sumSquares - (s.sum * s.sum) / s.n) / (s.n - 1);
}

/** True when the summary cannot come from real data (negative counts, NaN, …). */
export function isInvalidArm(s: ArmStats): boolean {
  if (!isFiniteNumber(s.n) || s.n < 0) return true;
  if (s.kind === "binomial") {
    return !isFiniteNumber(s.conversions) || s.conversions < 0 || s.conversions > s.n;
  }
  return !isFiniteNumber(s.sum) || !isFiniteNumber(s.sumSquares) || s.sumSquares < 0;
}
