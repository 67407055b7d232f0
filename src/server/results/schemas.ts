import { z } from "zod";
import { EXPERIMENT_STATUSES } from "@/server/experiments/schemas";

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

const ZPriceOptimum = z.object({
  price: ZMoneyString,
  conversionRate: z.number(),
  revenuePerVisitor: z.number(),
  profitPerVisitor: z.number().nullable(),
  interval: z.object({ lower: ZMoneyString, upper: ZMoneyString }),
  atEdge: z.boolean(),
  edge: z.enum(["min", "max"]).nullable(),
  message: z.string().nullable(),
});

export const ZDemandCurveResult = z.discriminatedUnion("fitted", [
  z.object({ fitted: z.literal(false), pricePoints: z.number(), reason: z.string() }),
  z.object({
    fitted: z.literal(true),
    pricePoints: z.number(),
    /** p(price) = 1 / (1 + exp(−(intercept + slope·ln price))). */
    intercept: z.number(),
    slope: z.number(),
    priceRange: z.object({ min: ZMoneyString, max: ZMoneyString }),
    revenue: ZPriceOptimum,
    /** Null when the experiment has no unit cost. */
    profit: ZPriceOptimum.nullable(),
    goodnessOfFit: z.object({ deviance: z.number(), dof: z.number(), pValue: z.number(), fitsWell: z.boolean() }),
  }),
]);

export const ZDecision = z.object({
  action: z.enum(["ship", "keep-running", "stop-no-difference", "investigate"]),
  /** The variant to ship (may be the control's key); null unless action is "ship". */
  variantKey: z.string().nullable(),
  headline: z.string(),
  reason: z.string(),
  /** Further visitors per arm needed to detect the MDE; null unless keep-running with an estimate. */
  visitorsNeeded: z.number().nullable(),
});

export const ZExperimentResults = z.object({
  experiment: z.object({
    id: z.uuid(),
    key: z.string(),
    status: z.enum(EXPERIMENT_STATUSES),
    currency: z.string(),
    unitCost: ZMoneyString.nullable(),
  }),
  computedAt: z.iso.datetime(),
  /** In display order (position); exactly one has isControl. */
  variants: z.array(ZVariantResult),
  /** Sample-ratio mismatch of visitors against the weights; p = 1 and a reason when it cannot be checked. */
  srm: z.object({ pValue: z.number(), flagged: z.boolean(), skippedReason: z.string().nullable() }),
  decision: ZDecision,
  demandCurve: ZDemandCurveResult,
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
export type TDemandCurveResult = z.infer<typeof ZDemandCurveResult>;
