import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { BinomialStats, MeanStats } from "@/server/stats";

type MetricsRow = Prisma.VariantMetricGetPayload<true>;
const { Decimal } = Prisma;

/** One variant's aggregates as plain numbers; a variant without metrics rows has seen nobody yet. */
export interface ArmTotals {
  visitors: number;
  convertingVisitors: number;
  conversions: number;
  revenue: number;
  /** The exact revenue sum as a decimal string with two decimals. */
  revenueText: string;
  revenueSumSquares: number;
}

/** A variant's totals: the sum over its variant_metrics shard rows. */
export function armTotals(shards: MetricsRow[] | null): ArmTotals {
  const rows = shards ?? [];
  const revenue = rows.reduce((acc, m) => acc.plus(m.revenue), new Decimal(0));
  return {
    visitors: rows.reduce((a, m) => a + m.views, 0),
    convertingVisitors: rows.reduce((a, m) => a + m.convertingVisitors, 0),
    conversions: rows.reduce((a, m) => a + m.conversions, 0),
    revenue: revenue.toNumber(),
    revenueText: revenue.toFixed(2),
    revenueSumSquares: rows.reduce((acc, m) => acc.plus(m.revenueSumSquares), new Decimal(0)).toNumber(),
  };
}

/** Conversion rate counts visitors who bought at least once, not purchases, so it stays a proportion. */
export function conversionStats(t: ArmTotals): BinomialStats {
  return { kind: "binomial", n: t.visitors, conversions: t.convertingVisitors };
}

/** Revenue per visitor: every exposed visitor counts, non-buyers as 0. */
export function revenueStats(t: ArmTotals): MeanStats {
  return { kind: "mean", n: t.visitors, sum: t.revenue, sumSquares: t.revenueSumSquares };
}
