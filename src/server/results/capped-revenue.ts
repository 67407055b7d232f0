import "server-only";
import type { Db } from "@/server/db";
import type { TRevenueCap } from "@/shared/schemas/experiments";

export interface CappedRevenue {
  /** The cap in money that was applied (the percentile's value for a percentile cap). */
  amount: number;
  byVariant: Map<string, { revenue: number; revenueSumSquares: number }>;
}

/**
 * Revenue per variant with every visitor's total capped, read from the buyers'
 * assignment rows (idx_assignments_buyers_revenue keeps it O(buyers)). A
 * percentile cap is computed over all buyers of the experiment together
 * (GrowthBook's approach): one cap for every price, so capping cannot favour one.
 */
export async function loadCappedRevenue(db: Db, experimentId: string, cap: TRevenueCap): Promise<CappedRevenue> {
  let amount = cap.type === "fixed" ? cap.amount : 0;
  if (cap.type === "percentile") {
    const [row] = await db.$queryRaw<{ cap: number | null }[]>`
      SELECT percentile_cont(${cap.percentile}::float8) WITHIN GROUP (ORDER BY revenue)::float8 AS cap
      FROM assignments WHERE experiment_id = ${experimentId}::uuid AND revenue > 0`;
    amount = row?.cap ?? 0;
  }
  const rows = await db.$queryRaw<{ variant_id: string; revenue: number; sum_squares: number }[]>`
    SELECT variant_id::text, sum(least(revenue, ${amount}::numeric))::float8 AS revenue,
           sum(least(revenue, ${amount}::numeric) ^ 2)::float8 AS sum_squares
    FROM assignments WHERE experiment_id = ${experimentId}::uuid AND revenue > 0
    GROUP BY variant_id`;
  return { amount, byVariant: new Map(rows.map((r) => [r.variant_id, { revenue: r.revenue, revenueSumSquares: r.sum_squares }])) };
}
