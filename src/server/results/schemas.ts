import "server-only";
import { z } from "zod";
import { EXPERIMENT_STATUSES } from "@/shared/domain/experiments";

/*
 * Output of `experiments.results`. Amounts of money (prices, revenue, unit
 * cost, the demand curve's best price) are decimal strings with 2 decimals, as
 * everywhere else in the API. Per-visitor values (revenue, profit and the
 * demand curve's value per visitor) are numbers: they are rates, and rounding
 * $0.0312 vs $0.0349 to cents would hide the very difference the test is about.
 * Timestamps are ISO 8601 strings so REST callers and the dashboard read the same thing.
 */

const ZMoneyString = z.string().regex(/^-?\d+\.\d{2}$/);

const ZStatsErrorCode = z.enum(["INVALID_INPUT", "NOT_ENOUGH_DATA", "BASELINE_ZERO", "ZERO_VARIANCE", "NUMERICAL_ERROR"]);

const ZFrequentist = z.object({
  effect: z.number(),
  standardError: z.number(),
  dof: z.number(),
  ciLower: z.number(),
  ciUpper: z.number(),
  pValue: z.number(),
});

const ZBayesian = z.object({
  effect: z.number(),
  chanceToWin: z.number(),
  ciLower: z.number(),
  ciUpper: z.number(),
  riskControl: z.number(),
  riskTreatment: z.number(),
});

const ZSequential = z.object({ effect: z.number(), ciLower: z.number(), ciUpper: z.number(), pValue: z.number() });

/** One metric, this variant vs the control, exactly as the statistics engine returns it. */
export const ZComparison = z.object({
  /** Relative lift (variant − control) / control. */
  frequentist: ZFrequentist,
  /** Same test on the absolute difference. */
  frequentistAbsolute: ZFrequentist,
  bayesian: ZBayesian,
  /** Always-valid interval on the relative lift. */
  sequential: ZSequential,
  /** Why the numbers are placeholders (e.g. no sales yet); null when they are real. */
  errorCode: ZStatsErrorCode.nullable(),
});

export const ZVariantResult = z.object({
  key: z.string(),
  name: z.string(),
  price: ZMoneyString,
  weight: z.number(),
  isControl: z.boolean(),
  /** Unique visitors exposed to this price. */
  visitors: z.number(),
  /** Visitors with at least one conversion. */
  convertingVisitors: z.number(),
  /** All conversion events (a visitor may buy more than once). */
  conversions: z.number(),
  /** convertingVisitors / visitors. */
  conversionRate: z.number(),
  /** 95% Wilson interval on the conversion rate; null before the first visitor. */
  conversionRateInterval: z.object({ lower: z.number(), upper: z.number() }).nullable(),
  revenue: ZMoneyString,
  revenuePerVisitor: z.number(),
  /** (revenue − unit cost × conversions) / visitors; null when the experiment has no unit cost. */
  profitPerVisitor: z.number().nullable(),
  /** P(this variant has the highest revenue per visitor). */
  probabilityBest: z.number(),
  /** P(this variant has the highest conversion rate). */
  probabilityBestConversion: z.number(),
  /** Versus the control; null for the control itself. */
  comparisons: z
    .object({
      conversionRate: ZComparison,
      revenuePerVisitor: ZComparison,
    })
    .nullable(),
});

/** Fitted conversion across the tested prices only; null when no curve could be fitted. */
export const ZDemandCurve = z
  .object({
    points: z.array(z.object({ price: z.number(), conversionRate: z.number(), revenuePerVisitor: z.number() })),
  })
  .nullable();

export const ZRecommendation = z
  .object({
    price: ZMoneyString,
    /** Interval for the best price; never zero-width, never outside the tested prices. */
    low: ZMoneyString,
    high: ZMoneyString,
    basis: z.enum(["demand-curve", "best-tested"]),
    goal: z.enum(["revenue", "profit"]),
    /** Why the best tested price is shown rather than the curve's, when it is. */
    note: z.string().nullable(),
  })
  .nullable();

export const ZDecisionInterval = z.object({
  key: z.string(),
  /** Revenue per visitor, variant − control, in money. */
  difference: z.number(),
  low: z.number(),
  high: z.number(),
  /** Relative lift and the decision's interval on it (always-valid in sequential mode). */
  lift: z.number(),
  liftLow: z.number(),
  liftHigh: z.number(),
});

export const ZDecision = z.object({
  action: z.enum(["ship", "keep-running", "stop-no-difference", "investigate"]),
  /** The variant to ship (the control's key means keep the control); null unless action is "ship". */
  variantKey: z.string().nullable(),
  why: z.enum([
    "srm",
    "not-enough-buyers",
    "variant-better",
    "control-better",
    "within-mde",
    "undecided",
    "before-horizon",
    "horizon-no-winner",
    "no-variance",
  ]),
  headline: z.string(),
  reason: z.string(),
  mode: z.enum(["sequential", "fixed"]),
  /** Relative MDE the plan uses. */
  mde: z.number(),
  /** Total visitors the sequential boundary is tuned for, or the fixed horizon. */
  targetSampleSize: z.number(),
  /** More visitors (all prices together) the same rule needs to decide; null when it cannot be estimated yet. */
  visitorsNeeded: z.number().nullable(),
  /** visitorsNeeded at the experiment's traffic so far; null when unknown. */
  daysLeft: z.number().nullable(),
  intervals: z.array(ZDecisionInterval),
});

const ZWeightPeriod = z.object({
  startedAt: z.iso.datetime(),
  source: z.string(),
  visitors: z.number(),
  weights: z.record(z.string(), z.number()),
});

export const ZExperimentResults = z.object({
  experiment: z.object({
    id: z.uuid(),
    key: z.string(),
    status: z.enum(EXPERIMENT_STATUSES),
    currency: z.string(),
    unitCost: ZMoneyString.nullable(),
    /** Set once completed: the price that was shipped. */
    winningVariantKey: z.string().nullable(),
    startDate: z.iso.datetime().nullable(),
    /** When the experiment last changed state (for a completed one: when it was completed). */
    updatedAt: z.iso.datetime(),
    revenueCap: z
      .object({
        type: z.enum(["fixed", "percentile"]),
        amount: z.number().nullable(),
        percentile: z.number().nullable(),
        appliedAmount: ZMoneyString,
      })
      .nullable(),
  }),
  computedAt: z.iso.datetime(),
  /** In display order (position); exactly one has isControl. */
  variants: z.array(ZVariantResult),
  /** Sample-ratio mismatch of visitors against the weights; p = 1 and a reason when it cannot be checked. */
  srm: z.object({
    pValue: z.number(),
    flagged: z.boolean(),
    threshold: z.number(),
    /** Why the split was not checked (pValue is then 1); null when it was. */
    skippedReason: z.string().nullable(),
    /** Visitors each price should have from the weights in force in each period. */
    expected: z.record(z.string(), z.number()),
    /** Weight periods, oldest first: starting, each manual change and each bandit reweighting opens one. */
    periods: z.array(ZWeightPeriod),
  }),
  decision: ZDecision,
  recommendation: ZRecommendation,
  /** Why there is no recommendation yet, when there is none. */
  recommendationNote: z.string().nullable(),
  demandCurve: ZDemandCurve,
  /** Null unless the experiment runs as a bandit. */
  bandit: z
    .object({
      metric: z.enum(["revenue", "conversion"]),
      lastReweightAt: z.iso.datetime().nullable(),
    })
    .nullable(),
});

export type TExperimentResults = z.infer<typeof ZExperimentResults>;
export type TVariantResult = z.infer<typeof ZVariantResult>;
export type TComparison = z.infer<typeof ZComparison>;
export type TDemandCurve = z.infer<typeof ZDemandCurve>;
