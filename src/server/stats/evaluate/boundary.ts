import { normalQuantile } from "../dists";

/** Family-wise two-sided error rate of a decision across all variants. */
export const FAMILY_ALPHA = 0.05;
/** Power "visitors still needed" plans for. */
export const PLANNING_POWER = 0.8;
/** N* of the confidence sequence when the experiment has no target sample size. */
export const DEFAULT_TUNING = 5000;

/** Per-comparison two-sided alpha: Bonferroni over the variants compared with the control. */
export function comparisonAlpha(variants: number): number {
  return FAMILY_ALPHA / Math.max(1, variants);
}

/**
 * Half-width of the asymptotic confidence sequence (Waudby-Smith et al. 2023,
 * eq. 9; gbstats' sequential test) for a difference of means whose estimator
 * has variance `estimatorVariance` after `pairTotal` visitors in the two arms.
 * ρ is tuned so the sequence is tightest at `tuningPairTotal` visitors.
 */
export function sequentialHalfWidth(estimatorVariance: number, pairTotal: number, alpha: number, tuningPairTotal: number): number {
  const l = -2 * Math.log(alpha);
  const rho = Math.sqrt((l + Math.log(l + 1)) / tuningPairTotal);
  const nr2p1 = pairTotal * rho * rho + 1;
  const s2 = estimatorVariance * pairTotal;
  return Math.sqrt(s2) * Math.sqrt((2 * nr2p1 * Math.log(Math.sqrt(nr2p1) / alpha)) / (pairTotal * rho) ** 2);
}

/** Half-width of the fixed-horizon two-sided normal interval. */
export function fixedHalfWidth(estimatorVariance: number, alpha: number): number {
  return normalQuantile(1 - alpha / 2, 0, 1) * Math.sqrt(estimatorVariance);
}

export interface PlanInput {
  /** Per-visitor variance of revenue (the control's, or pooled). */
  variance: number;
  /** Absolute difference in revenue per visitor to detect. */
  difference: number;
  alpha: number;
  mode: "sequential" | "fixed";
  /** Pair total the sequence is tuned for (sequential only). */
  tuningPairTotal: number;
}

/**
 * Visitors per arm at which the rule that decides (the same boundary, the same
 * alpha) has PLANNING_POWER to call a true difference of `difference`: the
 * smallest m with difference − z_power·se(m) ≥ boundary(m), found by bisection.
 */
export function visitorsPerArmToDecide(p: PlanInput): number | undefined {
  if (!(p.variance > 0 && p.difference > 0)) return undefined;
  const zPower = normalQuantile(PLANNING_POWER, 0, 1);
  const reaches = (m: number) => {
    const v = (2 * p.variance) / m;
    const boundary = p.mode === "sequential" ? sequentialHalfWidth(v, 2 * m, p.alpha, p.tuningPairTotal) : fixedHalfWidth(v, p.alpha);
    return p.difference - zPower * Math.sqrt(v) >= boundary;
  };
  let lo = 2;
  let hi = 2;
  while (!reaches(hi)) {
    hi *= 2;
    if (hi > 1e13) return undefined;
  }
  if (reaches(lo)) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
