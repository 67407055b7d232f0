import { chisquareSf, isFiniteNumber } from "../dists";
import type { EvalArm, WeightPeriod } from "./types";

const share = (weights: Record<string, number>, key: string) => {
  const total = Object.values(weights).reduce((a, w) => a + (isFiniteNumber(w) && w > 0 ? w : 0), 0);
  const w = weights[key];
  return total > 0 && isFiniteNumber(w) && w > 0 ? w / total : 0;
};

/**
 * Visitors each arm should have: Σ over weight periods of the period's visitors
 * × the arm's share in that period. Visitors not covered by the periods (or all
 * of them, without periods) are expected at today's weights.
 */
export function expectedVisitors(arms: readonly EvalArm[], periods: readonly WeightPeriod[] = []): Record<string, number> {
  const total = arms.reduce((a, x) => a + x.visitors, 0);
  const current = Object.fromEntries(arms.map((a) => [a.key, a.weight]));
  const covered = periods.reduce((a, p) => a + Math.max(0, p.visitors), 0);
  const all = [...periods, { visitors: Math.max(0, total - covered), weights: current }];
  return Object.fromEntries(arms.map((a) => [a.key, all.reduce((acc, p) => acc + Math.max(0, p.visitors) * share(p.weights, a.key), 0)]));
}

/**
 * Pearson goodness of fit of the arms' visitors against the visitors expected
 * from the weight periods. Expected counts are rescaled to the observed total
 * (periods counted a moment apart from the arms must not raise an alarm);
 * visitors in an arm expected to get none give p = 0.
 */
export function srmPValueForPeriods(arms: readonly EvalArm[], periods: readonly WeightPeriod[] = []): number {
  const expected = expectedVisitors(arms, periods);
  const total = arms.reduce((a, x) => a + x.visitors, 0);
  const expectedTotal = Object.values(expected).reduce((a, b) => a + b, 0);
  if (!(total > 0 && expectedTotal > 0)) return 1;
  let chi2 = 0;
  let cells = 0;
  for (const arm of arms) {
    const e = ((expected[arm.key] ?? 0) * total) / expectedTotal;
    if (e <= 0) {
      if (arm.visitors > 0) return 0;
      continue;
    }
    chi2 += (arm.visitors - e) ** 2 / e;
    cells++;
  }
  return cells < 2 ? 1 : chisquareSf(chi2, cells - 1);
}
