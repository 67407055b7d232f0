import "server-only";
import { notifyUsageThresholds } from "@/server/notifications/watch-decisions";
import type { CacheDeps } from "@/server/cache/experiment-config";
import { failOpen } from "@/server/cache/fail-open";
import { log } from "@/server/lib/logger";
import { monthlyTrackedVisitors } from "./monthly-visitors";
import { dayKey, monthKey, readMonthUsage, USAGE_TYPE } from "./usage-counter";

const BATCH = 200;

// Raises a counter that is behind the assignments (visitors admitted uncounted while
// Redis was down); never lowers one, so concurrent increments are not lost.
const RAISE = `
local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if v < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL') return tonumber(ARGV[1]) end
return v`;

/** The UTC days whose counts are rolled up: yesterday (it may be last month's) through today. */
function daysToRoll(now: Date): Date[] {
  const days: Date[] = [];
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const yesterday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
  for (let d = yesterday < first ? yesterday : first; d <= now; d = new Date(d.getTime() + 86_400_000)) days.push(d);
  return days;
}

export interface RollupSummary {
  tenants: number;
  reconciled: number;
  skipped: number;
}

/**
 * The scheduled rollup (GET /api/cron/usage): for every tenant, this month's usage from
 * the Redis counter the limit check uses goes to `tenants.current_usage`, and each
 * day's count to one `usage_records` row (type tracked_visitors, upserted), so the
 * dashboard, the limit and invoices agree. A tenant whose counter cannot be read is
 * skipped, never zeroed.
 */
export async function rollupUsage(deps: CacheDeps, now = new Date(), opts: { tenantIds?: string[] } = {}): Promise<RollupSummary> {
  const summary: RollupSummary = { tenants: 0, reconciled: 0, skipped: 0 };
  const days = daysToRoll(now);
  let cursor: string | undefined;
  for (;;) {
    const tenants = await deps.db.tenant.findMany({
      where: opts.tenantIds ? { id: { in: opts.tenantIds } } : {},
      select: { id: true, usageLimit: true },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (tenants.length === 0) break;
    cursor = tenants.at(-1)?.id;
    for (const { id, usageLimit } of tenants) {
      summary.tenants++;
      const counted = await readMonthUsage(deps, id, now);
      const dayCounts = await failOpen<(string | number | null)[] | null>(
        "usage.rollup.days",
        () => deps.redis.mget<(string | number | null)[]>(...days.map((d) => dayKey(id, d))),
        null,
      );
      if (counted === null || dayCounts === null) {
        summary.skipped++;
        continue;
      }
      const truth = await monthlyTrackedVisitors(deps.db, id, now);
      let used = counted;
      if (truth > counted) {
        used = Number(await failOpen("usage.rollup.raise", () => deps.redis.eval(RAISE, [monthKey(id, now)], [String(truth)]), truth));
        summary.reconciled++;
      }
      await deps.db.$transaction(async (tx) => {
        for (const [i, day] of days.entries()) {
          const n = Number(dayCounts[i] ?? 0);
          if (n <= 0) continue;
          await tx.$executeRaw`
            INSERT INTO usage_records (tenant_id, usage_type, count, day, metadata)
            VALUES (${id}::uuid, ${USAGE_TYPE}, ${n}, ${day.toISOString().slice(0, 10)}::date, ${JSON.stringify({ source: "redis" })}::jsonb)
            ON CONFLICT (tenant_id, usage_type, day) DO UPDATE SET count = EXCLUDED.count
            WHERE usage_records.count <> EXCLUDED.count`;
        }
        await tx.tenant.updateMany({ where: { id, currentUsage: { not: used } }, data: { currentUsage: used } });
      });
      try {
        await notifyUsageThresholds(deps.db, id, used, usageLimit, now);
      } catch (error) {
        log("error", "usage threshold notice failed", { tenantId: id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return summary;
}
