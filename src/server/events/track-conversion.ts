import "server-only";
import { getExperimentConfig, type CacheDeps } from "@/server/cache/experiment-config";
import { hotQuery } from "@/server/db/hot-query";
import { pickShard } from "@/server/experiments/metric-shards";
import { fieldError } from "@/server/lib/app-error";
import { type PaidSignalPolicy, paidSignalPolicy } from "@/server/paid/signal-policy";

export interface TrackInput {
  experimentKey: string;
  visitorId: string;
  type: "conversion";
  /** Decimal string with two decimals (validated by the procedure's schema). */
  revenue: string;
  idempotencyKey?: string | null;
}

export interface TrackResult {
  accepted: true;
  counted: boolean;
  duplicate: boolean;
  variantKey: string;
  reason: "counted" | "duplicate" | "experiment_not_active";
}

const COUNTED_STATUSES = new Set(["running", "paused"]);

interface Row {
  assigned: number;
  fresh_event: number;
  variant_id: string | null;
}

/**
 * An idempotency key deduplicates resends of one visitor's conversion in one
 * experiment. It is not a tenant-wide order id: the same order tracked to two
 * experiments the visitor is in counts in each, and a caller who records an order id
 * for some other visitor (a publishable key is public) cannot make the real buyer's
 * conversion be ignored. A legacy row (recorded before keys had a visitor) still
 * deduplicates its experiment.
 *
 * Records one conversion in a single statement, so it is atomic without an
 * interactive transaction and exact under concurrency (row locks serialise the
 * increments of each shard). Per-variant sums allow exact statistics: converting
 * visitors, revenue, and the sum of squares of per-visitor revenue ((old + r)² − old²).
 */
export async function trackConversion(
  deps: CacheDeps,
  tenantId: string,
  input: TrackInput,
  paid: PaidSignalPolicy = paidSignalPolicy(),
): Promise<TrackResult> {
  const config = await getExperimentConfig(deps, tenantId, input.experimentKey);
  if (!config) throw fieldError("NOT_FOUND", "EXPERIMENT_NOT_FOUND", "experimentKey", `no experiment "${input.experimentKey}".`);
  const countIt = COUNTED_STATUSES.has(config.status);
  const key = input.idempotencyKey ?? null;

  const { rows } = await hotQuery<Row>(
    deps.db,
    "po_track_conversion",
    `
      WITH target AS (
        SELECT id, variant_id FROM assignments WHERE experiment_id = $1::uuid AND visitor_id = $2
      ), ev AS (
        INSERT INTO processed_events (tenant_id, idempotency_key, experiment_id, visitor_id)
        SELECT $3::uuid, $4::text, $1::uuid, $2
        WHERE $4::text IS NOT NULL AND EXISTS (SELECT 1 FROM target)
          AND NOT EXISTS (
            SELECT 1 FROM processed_events
            WHERE experiment_id = $1::uuid AND visitor_id IS NULL AND idempotency_key = $4::text
          )
        ON CONFLICT (experiment_id, visitor_id, idempotency_key) DO NOTHING
        RETURNING 1
      ), a AS (
        UPDATE assignments SET conversions = conversions + 1, revenue = revenue + $5::numeric
        WHERE id = (SELECT id FROM target) AND $6::boolean
          AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM ev))
        RETURNING variant_id, conversions, revenue
      ), m AS (
        INSERT INTO variant_metrics (variant_id, shard, conversions, revenue, converting_visitors, revenue_sum_squares)
        SELECT a.variant_id, $7, 1, $5::numeric,
               CASE WHEN a.conversions = 1 THEN 1 ELSE 0 END,
               a.revenue * a.revenue - (a.revenue - $5::numeric) * (a.revenue - $5::numeric)
        FROM a
        ON CONFLICT (variant_id, shard) DO UPDATE SET
          conversions = variant_metrics.conversions + EXCLUDED.conversions,
          revenue = variant_metrics.revenue + EXCLUDED.revenue,
          converting_visitors = variant_metrics.converting_visitors + EXCLUDED.converting_visitors,
          revenue_sum_squares = variant_metrics.revenue_sum_squares + EXCLUDED.revenue_sum_squares,
          updated_at = now()
        RETURNING 1
      ), sig AS (
        -- The Paid.ai usage signal goes to the outbox in this same statement (one round
        -- trip): managed tenants on the platform's key, byok tenants on their own.
        INSERT INTO outbox (tenant_id, topic, payload)
        SELECT $3::uuid, 'paid.signal', jsonb_build_object(
          'experimentId', $1::uuid, 'experimentKey', $10::text, 'visitorId', $2::text, 'variantId', a.variant_id,
          'revenue', $5::numeric, 'currency', $11::text, 'occurredAt', now(),
          'billing', CASE WHEN t.mode = 'byok' AND t.paid_api_key_encrypted IS NOT NULL AND $8::text <> 'managed-only' THEN 'byok' ELSE 'managed' END)
        FROM a JOIN tenants t ON t.id = $3::uuid
        WHERE CASE $8::text
          WHEN 'managed-only' THEN $9::boolean
          WHEN 'byok-only' THEN t.mode = 'byok' AND t.paid_api_key_encrypted IS NOT NULL
          ELSE (t.mode = 'byok' AND t.paid_api_key_encrypted IS NOT NULL) OR (t.mode <> 'byok' AND $9::boolean)
        END
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM target)::int AS assigned,
             (SELECT count(*) FROM ev)::int AS fresh_event,
             (SELECT variant_id::text FROM target) AS variant_id`,
    [config.id, input.visitorId, tenantId, key, input.revenue, countIt, pickShard(), paid.platformMode, paid.managedKey, config.key, config.currency],
  );
  const row = rows[0];
  if (!row || row.assigned === 0 || !row.variant_id) {
    throw fieldError(
      "PRECONDITION_FAILED",
      "VISITOR_NOT_ASSIGNED",
      "visitorId",
      `"${input.visitorId}" was never assigned to "${input.experimentKey}"; call assign before tracking a conversion.`,
    );
  }
  const variantKey = config.variants.find((v) => v.id === row.variant_id)?.key ?? "";
  const duplicate = key !== null && row.fresh_event === 0;
  if (duplicate) return { accepted: true, counted: false, duplicate: true, variantKey, reason: "duplicate" };
  if (!countIt) return { accepted: true, counted: false, duplicate: false, variantKey, reason: "experiment_not_active" };
  return { accepted: true, counted: true, duplicate: false, variantKey, reason: "counted" };
}
