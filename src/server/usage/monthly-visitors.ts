import "server-only";
import type { Db } from "@/server/db";

export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/**
 * Usage is counted in monthly tracked visitors: visitors assigned to any of the
 * tenant's experiments for the first time this calendar month (UTC). This reads the
 * assignments themselves: the truth that seeds the Redis counter (src/server/usage/usage-counter.ts)
 * when it is missing, and that the rollup reconciles the counter with.
 */
export async function monthlyTrackedVisitors(db: Db, tenantId: string, now = new Date()): Promise<number> {
  const from = monthStart(now);
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM assignments a
    JOIN experiments e ON e.id = a.experiment_id
    WHERE e.tenant_id = ${tenantId}::uuid AND a.created_at >= ${from} AND a.created_at < ${to}`;
  return Number(rows[0]?.n ?? 0n);
}
