import { tCdf, tQuantile } from "./dists";
import type { EffectMoments } from "./moments";
import type { FrequentistResult } from "./types";

/**
 * Two-sided Welch t-test on an effect estimate (gbstats TwoSidedTTest). For the
 * relative effect the t statistic is lift / delta-method standard error, with
 * the degrees of freedom of the absolute difference.
 */
export function twoSidedTTest(m: EffectMoments, dof: number, alpha: number): FrequentistResult {
  const standardError = Math.sqrt(m.variance);
  const t = m.effect / standardError;
  // 2·F(−|t|) equals gbstats' 2·(1 − F(|t|)) but keeps precision for tiny p-values.
  const pValue = Math.min(1, 2 * tCdf(-Math.abs(t), dof));
  const halfWidth = tQuantile(1 - alpha / 2, dof) * standardError;
  return {
    effect: m.effect,
    standardError,
    dof,
    ciLower: m.effect - halfWidth,
    ciUpper: m.effect + halfWidth,
    pValue,
  };
}

/** What gbstats reports when a test cannot be run: no effect, no evidence. */
export function defaultFrequentist(): FrequentistResult {
  return { effect: 0, standardError: 0, dof: 0, ciLower: 0, ciUpper: 0, pValue: 1 };
}
