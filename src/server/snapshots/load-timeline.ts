import "server-only";
import type { Db } from "@/server/db";
import { findExperimentOrThrow } from "@/server/experiments/find-experiment";
import { armTotals } from "@/server/results/arm-stats";
import type { TTimeline, TTimelinePoint } from "./schemas";

/**
 * Hourly snapshots add 8,760 moments a year; past this many the stored moments are
 * thinned evenly (always keeping the first and the last), so the answer stays small
 * however long an experiment runs.
 */
export const TIMELINE_MAX_MOMENTS = 500;

export interface TimelineDeps {
  db: Db;
  now?: () => Date;
}

interface SnapshotRow {
  variant_id: string;
  taken_at: Date;
  visitors: number;
  converting_visitors: number;
  revenue: number;
}

// Before the first visitor a per-visitor figure does not exist (null), rather than being 0.
const ratio = (a: number, n: number) => (n > 0 ? a / n : null);

function point(at: Date, visitors: number, convertingVisitors: number, revenue: number): TTimelinePoint {
  return { at, visitors, revenuePerVisitor: ratio(revenue, visitors), conversionRate: ratio(convertingVisitors, visitors) };
}

/** Stored moments oldest first, thinned to at most TIMELINE_MAX_MOMENTS (plus the last). */
function loadSnapshots(db: Db, experimentId: string): Promise<SnapshotRow[]> {
  return db.$queryRaw<SnapshotRow[]>`
    WITH moments AS (
      SELECT taken_at, ROW_NUMBER() OVER (ORDER BY taken_at) - 1 AS i, COUNT(*) OVER () AS n
      FROM (SELECT DISTINCT taken_at FROM metric_snapshots WHERE experiment_id = ${experimentId}::uuid) d
    )
    SELECT s.variant_id::text AS variant_id, s.taken_at, s.visitors, s.converting_visitors, s.revenue::float8 AS revenue
    FROM metric_snapshots s
    JOIN moments m ON m.taken_at = s.taken_at
    WHERE s.experiment_id = ${experimentId}::uuid
      AND (m.n <= ${TIMELINE_MAX_MOMENTS} OR m.i % CEIL(m.n::numeric / ${TIMELINE_MAX_MOMENTS}) = 0 OR m.i = m.n - 1)
    ORDER BY s.taken_at, s.id`;
}

/**
 * Cumulative visitors, revenue per visitor and conversion rate of each variant over
 * time, ending with a point from the live totals so the chart reaches the present.
 * NOT_FOUND for a missing id and for another tenant's, alike.
 */
export async function loadTimeline(deps: TimelineDeps, tenantId: string, experimentId: string): Promise<TTimeline> {
  const experiment = await findExperimentOrThrow(deps.db, tenantId, experimentId);
  const now = deps.now?.() ?? new Date();
  const variantIds = experiment.variants.map((v) => v.id);
  const [snapshots, shards] = await Promise.all([
    loadSnapshots(deps.db, experiment.id),
    deps.db.variantMetric.findMany({ where: { variantId: { in: variantIds } } }),
  ]);
  return {
    variants: experiment.variants.map((v) => {
      const live = armTotals(shards.filter((m) => m.variantId === v.id));
      const points = snapshots.filter((s) => s.variant_id === v.id).map((s) => point(s.taken_at, s.visitors, s.converting_visitors, s.revenue));
      points.push(point(now, live.visitors, live.convertingVisitors, live.revenue));
      return { key: v.key, name: v.name, isControl: v.isControl, points };
    }),
  };
}
