import { isFiniteNumber } from "./dists";
import { fitLogistic, goodnessOfFit } from "./demand-curve-fit";
import type { DemandArm, GoodnessOfFit, LogisticFit } from "./demand-curve-fit";
import { conversionAt, optimalPrice, valueAt } from "./demand-curve-optimum";
import type { CurveParams } from "./demand-curve-optimum";
import { createRng } from "./rng";

export type { DemandArm } from "./demand-curve-fit";

export const DEMAND_CURVE_MIN_PRICE_POINTS = 3;
/** An optimum within this fraction of the tested min or max counts as "at the edge". */
export const DEMAND_CURVE_EDGE_TOLERANCE = 0.01;

export interface DemandCurveOptions {
  /** Cost per sale; when given, the profit-maximising price is reported too. */
  unitCost?: number;
  seed?: number;
  /** Parametric bootstrap draws for the price interval. */
  draws?: number;
  /** Coverage of the price interval. */
  level?: number;
}

export interface PriceOptimum {
  price: number;
  conversionRate: number;
  revenuePerVisitor: number;
  /** (price − unit cost)·conversion; null when no cost was given. */
  profitPerVisitor: number | null;
  interval: { lower: number; upper: number };
  atEdge: boolean;
  edge: "min" | "max" | null;
  message: string | null;
}

export type DemandCurveResult =
  | { fitted: false; reason: string; pricePoints: number }
  | {
      fitted: true;
      pricePoints: number;
      /** p(price) = 1 / (1 + exp(−(intercept + slope·ln price))). */
      intercept: number;
      slope: number;
      priceRange: { min: number; max: number };
      revenue: PriceOptimum;
      profit: PriceOptimum | null;
      goodnessOfFit: GoodnessOfFit;
    };

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (b - a) * (pos - lo);
}

/**
 * Optimal prices under (alpha, slope) drawn from the fit's asymptotic normal
 * distribution N(estimate, inverse Fisher information), via a 2×2 Cholesky.
 */
function bootstrapOptima(fit: LogisticFit, min: number, max: number, cost: number, draws: number, seed: number): number[] {
  const rng = createRng(seed);
  const [v00, v01, v11] = fit.cov;
  const l00 = Math.sqrt(v00);
  const l10 = v01 / l00;
  const l11 = Math.sqrt(Math.max(0, v11 - l10 * l10));
  const prices: number[] = [];
  for (let d = 0; d < draws; d++) {
    const z0 = rng.normal(0, 1);
    const z1 = rng.normal(0, 1);
    const curve: CurveParams = { alpha: fit.alpha + l00 * z0, slope: fit.slope + l10 * z0 + l11 * z1, centre: fit.centre };
    prices.push(optimalPrice(curve, min, max, cost));
  }
  return prices.sort((a, b) => a - b);
}

function describeOptimum(fit: LogisticFit, min: number, max: number, cost: number | null, options: DemandCurveOptions): PriceOptimum {
  const margin = cost ?? 0;
  const price = optimalPrice(fit, min, max, margin);
  const level = isFiniteNumber(options.level) && options.level > 0 && options.level < 1 ? options.level : 0.95;
  const drawCount = isFiniteNumber(options.draws) ? Math.max(100, Math.floor(options.draws)) : 1000;
  const draws = bootstrapOptima(fit, min, max, margin, drawCount, options.seed ?? 1);
  const conversionRate = conversionAt(fit, price);
  const edge =
    price <= min * (1 + DEMAND_CURVE_EDGE_TOLERANCE) ? "min" : price >= max * (1 - DEMAND_CURVE_EDGE_TOLERANCE) ? "max" : null;
  const goal = cost === null ? "revenue" : "profit";
  const message =
    edge === "max"
      ? `The best price for ${goal} is at the top of what you tested ($${max.toFixed(2)}): test higher prices.`
      : edge === "min"
        ? `The best price for ${goal} is at the bottom of what you tested ($${min.toFixed(2)}): test lower prices.`
        : null;
  return {
    price,
    conversionRate,
    revenuePerVisitor: price * conversionRate,
    profitPerVisitor: cost === null ? null : valueAt(fit, price, cost),
    interval: { lower: quantile(draws, (1 - level) / 2), upper: quantile(draws, (1 + level) / 2) },
    atEdge: edge !== null,
    edge,
    message,
  };
}

/**
 * Fits p(price) = 1/(1 + exp(−(a + b·ln price))) to per-arm visitors and
 * conversions by maximum likelihood and reports the revenue- (and, with a unit
 * cost, profit-) maximising price within the tested range, with a parametric
 * bootstrap interval. Never throws: unusable input gives `fitted: false`.
 */
export function fitDemandCurve(arms: readonly DemandArm[], options: DemandCurveOptions = {}): DemandCurveResult {
  const usable = arms.filter(
    (a) =>
      isFiniteNumber(a.price) && a.price > 0 && isFiniteNumber(a.visitors) && a.visitors > 0 &&
      isFiniteNumber(a.conversions) && a.conversions >= 0 && a.conversions <= a.visitors,
  );
  const prices = [...new Set(usable.map((a) => a.price))];
  const pricePoints = prices.length;
  if (pricePoints < DEMAND_CURVE_MIN_PRICE_POINTS) {
    return {
      fitted: false,
      pricePoints,
      reason: `A demand curve needs at least ${DEMAND_CURVE_MIN_PRICE_POINTS} different prices with visitors; this test has ${pricePoints}.`,
    };
  }
  const fit = fitLogistic(usable);
  if (!fit) {
    return {
      fitted: false,
      pricePoints,
      reason: "The sales so far do not pin down a curve (no sales yet, or every price sells either always or never).",
    };
  }
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  const cost = options.unitCost;
  const hasCost = isFiniteNumber(cost) && cost >= 0;
  return {
    fitted: true,
    pricePoints,
    intercept: fit.alpha - fit.slope * fit.centre,
    slope: fit.slope,
    priceRange: { min, max },
    revenue: describeOptimum(fit, min, max, null, options),
    profit: hasCost ? describeOptimum(fit, min, max, cost, options) : null,
    goodnessOfFit: goodnessOfFit(fit, usable.length),
  };
}
