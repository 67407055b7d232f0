import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { count, log } from "@/server/lib/logger";

export interface SnapshotScope {
  /** These experiments whatever their status (a lifecycle transition); without it, every running experiment (the hourly cron). */
  experimentIds?: string[];
}

export interface SnapshotSummary {
  experiments: number;
  rows: number;
}

/**
 * Records each variant's cumulative totals (the sum over its variant_metrics shards)
 * as one metric_snapshots row, all in one statement. A variant without metrics rows
 * gets zeros. Reads only aggregates, so the cost does not grow with traffic.
 */
export async function takeSnapshots(db: Db, scope: SnapshotScope = {}, now = new Date()): Promise<SnapshotSummary> {
  if (scope.experimentIds?.length === 0) return { experiments: 0, rows: 0 };
  const which = scope.experimentIds ? Prisma.sql`e.id = ANY(${scope.experimentIds}::uuid[])` : Prisma.sql`e.status = 'running'`;
  const [counts] = await db.$queryRaw<{ experiments: number; rows: number }[]>`
    WITH inserted AS (
      INSERT INTO metric_snapshots (experiment_id, variant_id, taken_at, visitors, converting_visitors, conversions, revenue)
      SELECT v.experiment_id, v.id, ${now}::timestamptz,
             COALESCE(SUM(m.views), 0)::int, COALESCE(SUM(m.converting_visitors), 0)::int,
             COALESCE(SUM(m.conversions), 0)::int, COALESCE(SUM(m.revenue), 0)
      FROM experiments e
      JOIN variants v ON v.experiment_id = e.id
      LEFT JOIN variant_metrics m ON m.variant_id = v.id
      WHERE ${which}
      GROUP BY v.experiment_id, v.id
      RETURNING experiment_id
    )
    SELECT COUNT(DISTINCT experiment_id)::int AS experiments, COUNT(*)::int AS rows FROM inserted`;
  return counts ?? { experiments: 0, rows: 0 };
}

/**
 * A lifecycle transition's point on the chart. The transition has already committed,
 * so a failure here must not turn it into an error: the chart misses one point and
 * the next hourly snapshot catches up. Logged, never silent.
 */
export async function snapshotAfterTransition(db: Db, experimentId: string, now: Date): Promise<void> {
  try {
    await takeSnapshots(db, { experimentIds: [experimentId] }, now);
  } catch (error) {
    count("snapshot.transition_failed");
    log("error", "transition snapshot failed", { experimentId, error: error instanceof Error ? error.message : String(error) });
  }
}
