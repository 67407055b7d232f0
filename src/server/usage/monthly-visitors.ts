import type { Db } from "@/server/db";

/**
 * Usage is counted in monthly tracked visitors: visitors assigned to any of the
 * tenant's experiments for the first time this calendar month (UTC). It is read
 * from the assignments themselves, so the hot path writes no extra counter.
 */
export async function monthlyTrackedVisitors(db: Db, tenantId: string, now = new Date()): Promise<number> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM assignments a
    JOIN experiments e ON e.id = a.experiment_id
    WHERE e.tenant_id = ${tenantId}::uuid AND a.created_at >= ${monthStart}`;
  return Number(rows[0]?.n ?? 0n);
}
