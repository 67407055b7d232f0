import { comparisonAlpha, DEFAULT_TUNING, fixedHalfWidth, sequentialHalfWidth, visitorsPerArmToDecide } from "./boundary";
import { isSrmFlagged } from "../srm";
import type { ArmComparison, DecisionMode, DecisionWhy, EvalAction, EvalArm } from "./types";

/** No decision (ship, keep, stop) until every price has this many buyers. */
export const MIN_BUYERS_PER_ARM = 30;
export const DEFAULT_MDE = 0.05;

export interface DecideInput {
  arms: readonly EvalArm[];
  mode: DecisionMode;
  mde: number;
  /** Total visitors (all arms) the boundary is tuned for / the fixed horizon. */
  target: number;
  srmPValue: number;
}

export interface DecideOutput {
  action: EvalAction;
  variantKey: string | null;
  visitorsNeeded?: number;
  why: DecisionWhy;
  comparisons: ArmComparison[];
}

const mean = (a: EvalArm) => (a.visitors > 0 ? a.revenue / a.visitors : 0);
/** Per-visitor sample variance of revenue (0 below two visitors). */
export function revenueVariance(a: EvalArm): number {
  if (a.visitors < 2) return 0;
  return Math.max(0, (a.revenueSumSquares - (a.revenue * a.revenue) / a.visitors) / (a.visitors - 1));
}

/**
 * The interval the decision uses, on the log of the ratio of revenue per
 * visitor, variant / control: symmetric (swapping the arms only flips its sign,
 * so "ship" and "keep the control" are held to the same standard) and, unlike
 * the delta-method lift, not lopsided when revenue is skewed. Shown as relative
 * lift, exp(bound) − 1, and as a difference in money.
 */
function compare(control: EvalArm, arm: EvalArm, input: DecideInput, alpha: number, variants: number): ArmComparison {
  const mc = mean(control);
  const mt = mean(arm);
  const diff = mt - mc;
  if (!(mc > 0 && mt > 0)) {
    return { key: arm.key, difference: diff, low: -Infinity, high: Infinity, lift: mc > 0 ? diff / mc : 0, liftLow: -1, liftHigh: Infinity };
  }
  const logRatio = Math.log(mt / mc);
  const v = revenueVariance(control) / (control.visitors * mc * mc) + revenueVariance(arm) / (arm.visitors * mt * mt);
  const pairShare = 2 / (variants + 1);
  const half =
    input.mode === "sequential"
      ? sequentialHalfWidth(v, control.visitors + arm.visitors, alpha, Math.max(2, input.target * pairShare))
      : fixedHalfWidth(v, alpha);
  const liftLow = Math.expm1(logRatio - half);
  const liftHigh = Math.expm1(logRatio + half);
  return { key: arm.key, difference: diff, low: mc * liftLow, high: mc * liftHigh, lift: mt / mc - 1, liftLow, liftHigh };
}

function visitorsNeeded(control: EvalArm, arms: readonly EvalArm[], input: DecideInput, alpha: number): number | undefined {
  const total = arms.reduce((a, x) => a + x.visitors, 0);
  if (input.mode === "fixed") return Math.max(0, input.target - total);
  const pooledN = arms.reduce((a, x) => a + x.visitors, 0);
  const variance =
    revenueVariance(control) > 0 ? revenueVariance(control) : arms.reduce((a, x) => a + revenueVariance(x) * x.visitors, 0) / Math.max(pooledN, 1);
  const mc = mean(control);
  if (!(mc > 0)) return undefined;
  // On the log-ratio scale the per-visitor variance is the squared coefficient of variation.
  const perArm = visitorsPerArmToDecide({
    variance: variance / (mc * mc),
    difference: Math.log1p(input.mde),
    alpha,
    mode: "sequential",
    tuningPairTotal: Math.max(2, (input.target * 2) / arms.length),
  });
  if (perArm === undefined) return undefined;
  // Planned for the smallest arm: with unequal weights the others fill up first.
  const weightTotal = arms.reduce((a, x) => a + Math.max(0, x.weight), 0);
  const minShare = Math.min(...arms.map((x) => (weightTotal > 0 ? Math.max(0, x.weight) / weightTotal : 1 / arms.length)));
  return Math.max(0, Math.ceil(perArm / Math.max(minShare, 1e-6)) - total);
}

/**
 * What to do next. Rules, in order:
 *  investigate        the split fails the SRM check (p < 0.0001);
 *  keep-running       some price has fewer than MIN_BUYERS_PER_ARM buyers, or (fixed
 *                     mode) the horizon is not reached;
 *  ship variant       its interval on the difference lies above zero (several: the
 *                     largest difference);
 *  ship control       every variant's interval lies below zero;
 *  stop-no-difference every variant's interval lies within ±MDE of the control;
 *  keep-running       otherwise, with the visitors the same rule needs.
 * Sequential mode uses always-valid intervals, safe at every look; fixed mode
 * uses ordinary intervals and decides once the target sample size is reached.
 * Both use family-wise alpha 0.05 split across the variants (Bonferroni).
 */
export function decide(input: DecideInput): DecideOutput {
  const control = input.arms.find((a) => a.isControl) ?? input.arms[0];
  const variants = input.arms.filter((a) => a !== control);
  if (!control || variants.length === 0) return { action: "keep-running", variantKey: null, why: "not-enough-buyers", comparisons: [] };
  const alpha = comparisonAlpha(variants.length);
  const comparisons = variants.map((v) => compare(control, v, input, alpha, variants.length));
  const needed = () => visitorsNeeded(control, input.arms, input, alpha);
  const running = (why: DecisionWhy): DecideOutput => {
    const n = needed();
    return { action: "keep-running", variantKey: null, why, comparisons, ...(n === undefined ? {} : { visitorsNeeded: n }) };
  };

  if (isSrmFlagged(input.srmPValue)) return { action: "investigate", variantKey: null, why: "srm", comparisons };
  if (input.arms.some((a) => a.convertingVisitors < MIN_BUYERS_PER_ARM)) return running("not-enough-buyers");
  const total = input.arms.reduce((a, x) => a + x.visitors, 0);
  if (input.mode === "fixed" && total < input.target) return running("before-horizon");
  if (revenueVariance(control) <= 0 && variants.every((v) => revenueVariance(v) <= 0)) return running("no-variance");

  const winners = comparisons.filter((c) => c.low > 0).sort((a, b) => b.difference - a.difference);
  if (winners[0]) return { action: "ship", variantKey: winners[0].key, why: "variant-better", comparisons };
  if (comparisons.every((c) => c.high < 0)) return { action: "ship", variantKey: control.key, why: "control-better", comparisons };
  const margin = input.mde * mean(control);
  if (comparisons.every((c) => c.low > -margin && c.high < margin)) {
    return { action: "stop-no-difference", variantKey: null, why: "within-mde", comparisons };
  }
  if (input.mode === "fixed") return { action: "stop-no-difference", variantKey: null, why: "horizon-no-winner", comparisons };
  return running("undecided");
}

export { DEFAULT_TUNING };
