import "server-only";
import type { Db } from "@/server/db";
import { hotQuery } from "@/server/db/hot-query";
import { pickShard } from "@/server/experiments/metric-shards";

/**
 * Records a visitor's first assignment and counts the exposure, in one statement:
 * the insert and the views increment happen together or not at all, and a visitor
 * already assigned (even concurrently) keeps their variant and is not counted again.
 */
export async function storeAssignment(db: Db, experimentId: string, variantId: string, visitorId: string) {
  const { rows } = await hotQuery<{ variant_id: string }>(
    db,
    "po_store_assignment",
    `
      WITH ins AS (
        INSERT INTO assignments (experiment_id, variant_id, visitor_id)
        VALUES ($1::uuid, $2::uuid, $3)
        ON CONFLICT (experiment_id, visitor_id) DO NOTHING
        RETURNING variant_id
      ), exposure AS (
        INSERT INTO variant_metrics (variant_id, shard, views)
        SELECT variant_id, $4, 1 FROM ins
        ON CONFLICT (variant_id, shard) DO UPDATE SET views = variant_metrics.views + 1, updated_at = now()
        RETURNING 1
      )
      SELECT ins.variant_id::text AS variant_id FROM ins, (SELECT count(*) FROM exposure) AS counted`,
    [experimentId, variantId, visitorId, pickShard()],
  );
  const created = rows[0];
  if (created) return { variantId: created.variant_id, created: true };
  const existing = await findStoredAssignment(db, experimentId, visitorId);
  if (!existing) throw new Error("assignment vanished between insert and read");
  return { variantId: existing.variantId, created: false };
}

export async function findStoredAssignment(db: Db, experimentId: string, visitorId: string) {
  const row = await db.assignment.findUnique({
    where: { experimentId_visitorId: { experimentId, visitorId } },
    select: { variantId: true, conversions: true },
  });
  return row;
}
