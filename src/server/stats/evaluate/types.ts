import type { DecisionMode } from "@/shared/domain/experiments";
import type { TRevenueCap } from "@/shared/schemas/experiments";

/** One price of an experiment, as aggregates (revenue after capping when a cap is on). */
export interface EvalArm {
  key: string;
  isControl: boolean;
  price: number;
  /** Current traffic weight (relative). */
  weight: number;
  visitors: number;
  /** Visitors who bought at least once. */
  convertingVisitors: number;
  /** Purchases. */
  conversions: number;
  revenue: number;
  /** Σ over visitors of (that visitor's total revenue)². */
  revenueSumSquares: number;
}

export type { DecisionMode };

/** Per-visitor revenue capping, applied where per-visitor totals live (SQL or a simulation). */
export type RevenueCap = TRevenueCap;

export interface WeightPeriod {
  /** Visitors assigned for the first time during the period, all prices together. */
  visitors: number;
  weights: Record<string, number>;
}

export interface EvaluateInput {
  arms: readonly EvalArm[];
  /** Planned total visitors (all prices); tunes the sequential boundary and is the fixed horizon. */
  targetSampleSize?: number | null;
  /** Smallest relative change in revenue per visitor worth acting on (default 5%). */
  mde?: number | null;
  unitCost?: number | null;
  mode?: DecisionMode;
  revenueCap?: RevenueCap | null;
  /** Weight periods, oldest first; absent means today's weights held throughout. */
  periods?: readonly WeightPeriod[];
  /**
   * Set when the weights some visitors came in under are unknown (visitors from
   * before weight periods were recorded, on a test whose weights changed since):
   * the split cannot be checked, and this says why.
   */
  srmUncheckable?: string | null;
}

export type EvalAction = "ship" | "keep-running" | "stop-no-difference" | "investigate";

export interface ArmComparison {
  key: string;
  /** Difference in revenue per visitor, variant − control (currency units). */
  difference: number;
  /** The interval the decision uses (always-valid in sequential mode), as a difference in money. */
  low: number;
  high: number;
  /** The same interval shown as relative lift against the control's revenue per visitor. */
  lift: number;
  liftLow: number;
  liftHigh: number;
}

export interface Recommendation {
  price: number;
  low: number;
  high: number;
  basis: "demand-curve" | "best-tested";
  /** What the recommended price maximises. */
  goal: "revenue" | "profit";
  /** Why the demand curve was not used, when it was not. */
  note: string | null;
}

export interface Evaluation {
  decision: {
    action: EvalAction;
    /** The control's key means "keep the control". */
    variantKey: string | null;
    /** More visitors (all prices together) before the rule can decide, when it cannot yet. */
    visitorsNeeded?: number;
    /** Why, as a short machine-readable reason. */
    why: DecisionWhy;
  };
  recommendation: Recommendation | null;
  /** Why there is no recommendation, when there is none. */
  recommendationNote: string | null;
  /** Fitted conversion across the tested prices (never beyond them); null when no curve was fitted. */
  demandCurve: { price: number; conversionRate: number }[] | null;
  srmPValue: number;
  /** Why the split was not checked (srmPValue is then 1). */
  srmSkippedReason: string | null;
  comparisons: ArmComparison[];
  mode: DecisionMode;
  mde: number;
  /** Total visitors the sequential boundary is tuned for, or the fixed horizon. */
  targetSampleSize: number;
  /** Each arm's visitors expected from the weight periods (for the SRM table). */
  expectedVisitors: Record<string, number>;
  revenueCap: RevenueCap | null;
}

export type DecisionWhy =
  | "srm"
  | "not-enough-buyers"
  | "variant-better"
  | "control-better"
  | "within-mde"
  | "undecided"
  | "before-horizon"
  | "horizon-no-winner"
  | "no-variance";
