import type pg from "pg";

export interface VariantTotals {
  experiment: string;
  variant: string;
  assignments: number;
  views: number;
  conversions: number;
  metricConversions: number;
  revenueCents: number;
  metricRevenueCents: number;
  converting: number;
  metricConverting: number;
  sumSquares: string;
  metricSumSquares: string;
}

/**
 * Nothing half-written: every counter in variant_metrics equals what the rows it
 * summarises say (views = assignments, conversions and revenue = the visitors'
 * totals, converting visitors, sum of squares), and every processed event is one
 * counted conversion. Returns the per-variant totals for exact checks.
 */
export async function checkConsistency(sql: pg.Pool, tenantId: string) {
  const { rows } = await sql.query<VariantTotals>(
    `WITH a AS (
       SELECT variant_id, count(*)::int AS n, coalesce(sum(conversions), 0)::int AS c, (coalesce(sum(revenue), 0) * 100)::bigint AS r,
              (count(*) FILTER (WHERE conversions > 0))::int AS cv, coalesce(sum(revenue * revenue), 0)::numeric(24, 4)::text AS ss
       FROM assignments GROUP BY variant_id
     ), m AS (
       SELECT variant_id, coalesce(sum(views), 0)::int AS views, coalesce(sum(conversions), 0)::int AS c, (coalesce(sum(revenue), 0) * 100)::bigint AS r,
              coalesce(sum(converting_visitors), 0)::int AS cv, coalesce(sum(revenue_sum_squares), 0)::numeric(24, 4)::text AS ss
       FROM variant_metrics GROUP BY variant_id
     )
     SELECT e.key AS experiment, v.key AS variant, coalesce(a.n, 0) AS assignments, coalesce(m.views, 0) AS views,
            coalesce(a.c, 0) AS conversions, coalesce(m.c, 0) AS "metricConversions",
            coalesce(a.r, 0)::float8 AS "revenueCents", coalesce(m.r, 0)::float8 AS "metricRevenueCents",
            coalesce(a.cv, 0) AS converting, coalesce(m.cv, 0) AS "metricConverting",
            coalesce(a.ss, '0.0000') AS "sumSquares", coalesce(m.ss, '0.0000') AS "metricSumSquares"
     FROM variants v JOIN experiments e ON e.id = v.experiment_id
     LEFT JOIN a ON a.variant_id = v.id LEFT JOIN m ON m.variant_id = v.id
     WHERE e.tenant_id = $1::uuid ORDER BY e.key, v.position`,
    [tenantId],
  );
  const events = await sql.query<{ events: number; conversions: number }>(
    `SELECT (SELECT count(*) FROM processed_events WHERE tenant_id = $1::uuid)::int AS events,
            (SELECT coalesce(sum(a.conversions), 0) FROM assignments a JOIN experiments e ON e.id = a.experiment_id WHERE e.tenant_id = $1::uuid)::int AS conversions`,
    [tenantId],
  );
  const problems: string[] = [];
  for (const r of rows) {
    const at = `${r.experiment}/${r.variant}`;
    if (r.assignments !== r.views) problems.push(`${at}: ${r.assignments} assignments but ${r.views} views counted`);
    if (r.conversions !== r.metricConversions) problems.push(`${at}: ${r.conversions} conversions on visitors but ${r.metricConversions} counted`);
    if (r.revenueCents !== r.metricRevenueCents) problems.push(`${at}: revenue ${r.revenueCents} vs counted ${r.metricRevenueCents} (cents)`);
    if (r.converting !== r.metricConverting) problems.push(`${at}: ${r.converting} converting visitors but ${r.metricConverting} counted`);
    if (r.sumSquares !== r.metricSumSquares) problems.push(`${at}: sum of squares ${r.sumSquares} vs counted ${r.metricSumSquares}`);
  }
  const e = events.rows[0];
  // Every conversion the suite sends carries an idempotency key: one processed event per counted conversion.
  if (e && e.events !== e.conversions) problems.push(`${e.events} processed events but ${e.conversions} conversions counted`);
  return { problems, variants: rows, events: e?.events ?? 0, conversions: e?.conversions ?? 0 };
}
