import type { EffectMoments } from "./moments";
import type { SequentialResult } from "./types";

export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/**
 * Mixing parameter ρ of the asymptotic confidence sequence (Waudby-Smith et
 * al. 2023, arXiv:2103.06476, eq. 161), chosen so the sequence is tightest
 * when the total sample size reaches the tuning parameter N*.
 */
export function sequentialRho(alpha: number, tuning: number): number {
  const l = -2 * Math.log(alpha);
  return Math.sqrt((l + Math.log(l + 1)) / tuning);
}

/**
 * Always-valid two-sided interval and p-value (gbstats SequentialTwoSidedTTest).
 * `totalN` is both arms' visitors; the per-visitor variance the paper uses is
 * the estimator's variance scaled back up by totalN.
 */
export function sequentialTest(m: EffectMoments, totalN: number, alpha: number, tuning: number): SequentialResult {
  const rho = sequentialRho(alpha, tuning);
  const nr2p1 = totalN * rho * rho + 1;
  const s2 = m.variance * totalN;
  // Confidence sequence half-width, eq. 9 of the paper.
  const halfWidth = Math.sqrt(s2) * Math.sqrt((2 * nr2p1 * Math.log(Math.sqrt(nr2p1) / alpha)) / (totalN * rho) ** 2);
  // The p-value is 1 / e-value (eq. 155); done in logs so a huge e-value
  // gives a p-value of (nearly) 0 instead of overflowing.
  const st2 = (m.effect * m.effect * totalN) / m.variance;
  const logEvalue = (rho * rho * st2) / (2 * nr2p1) - 0.5 * Math.log(nr2p1);
  const pValue = Math.exp(Math.min(0, -logEvalue));
  return {
    effect: m.effect,
    ciLower: m.effect - halfWidth,
    ciUpper: m.effect + halfWidth,
    pValue,
  };
}

export function defaultSequential(): SequentialResult {
  return { effect: 0, ciLower: 0, ciUpper: 0, pValue: 1 };
}
