import type { DemandCurveResult, PriceOptimum } from "@/server/stats";
import type { TDemandCurveResult } from "./schemas";

const money = (x: number) => x.toFixed(2);

function optimumOutput(o: PriceOptimum) {
  return {
    price: money(o.price),
    conversionRate: o.conversionRate,
    revenuePerVisitor: o.revenuePerVisitor,
    profitPerVisitor: o.profitPerVisitor,
    interval: { lower: money(o.interval.lower), upper: money(o.interval.upper) },
    atEdge: o.atEdge,
    edge: o.edge,
    message: o.message,
  };
}

/** The engine's fit with prices as money strings, like every other amount in the API. */
export function demandCurveOutput(fit: DemandCurveResult): TDemandCurveResult {
  if (!fit.fitted) return { fitted: false, pricePoints: fit.pricePoints, reason: fit.reason };
  return {
    fitted: true,
    pricePoints: fit.pricePoints,
    intercept: fit.intercept,
    slope: fit.slope,
    priceRange: { min: money(fit.priceRange.min), max: money(fit.priceRange.max) },
    revenue: optimumOutput(fit.revenue),
    profit: fit.profit ? optimumOutput(fit.profit) : null,
    goodnessOfFit: fit.goodnessOfFit,
  };
}
