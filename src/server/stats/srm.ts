import { chisquareSf, isFiniteNumber } from "./dists";

/**
 * Below this p-value the observed traffic split is treated as broken. The split is checked
 * at every look, so one look's 1-in-1,000 alarm would fire by chance in over 1% of tests
 * looked at a few dozen times; 1 in 10,000 keeps that under 1% (docs/statistics.md) and
 * still catches a 48/52 skew at 20k visitors.
 */
export const SRM_ALARM_THRESHOLD = 0.0001;

/**
 * Sample-ratio-mismatch check (gbstats check_srm): Pearson chi-square goodness
 * of fit of visitors per arm against the intended weights. Weights are
 * relative and normalised over the arms with positive weight; arms with no
 * weight contribute no term, but their visitors still count toward the total,
 * so traffic leaking into a switched-off arm lowers the p-value. Degrees of
 * freedom = arms with positive weight − 1 (gbstats counts all arms; the two
 * agree whenever every arm has a weight). Returns 1 when there is nothing to
 * test.
 */
export function srmPValue(visitorsPerArm: readonly number[], weights: readonly number[]): number {
  const visitors = visitorsPerArm.map((v) => (isFiniteNumber(v) && v > 0 ? v : 0));
  const w = visitors.map((_, i) => {
    const x = weights[i];
    return isFiniteNumber(x) && x > 0 ? x : 0;
  });
  const total = visitors.reduce((a, b) => a + b, 0);
  const totalWeight = w.reduce((a, b) => a + b, 0);
  const weighted = w.filter((x) => x > 0).length;
  if (total === 0 || totalWeight === 0 || weighted < 2) return 1;

  let chi2 = 0;
  visitors.forEach((observed, i) => {
    const wi = w[i] ?? 0;
    if (wi <= 0) return;
    const expected = (wi / totalWeight) * total;
    chi2 += (observed - expected) ** 2 / expected;
  });
  return chisquareSf(chi2, weighted - 1);
}

export function isSrmFlagged(pValue: number): boolean {
  return pValue < SRM_ALARM_THRESHOLD;
}
