import { getDb } from "../../src/server/db";
import { createExperiment } from "../../src/server/experiments/create-experiment";
import type { TCreateExperimentInput } from "../../src/shared/schemas/experiments";
import { ZCreateExperimentInput } from "../../src/shared/schemas/experiments";
import { transitionExperiment } from "../../src/server/experiments/transition-experiment";
import { getRedis } from "../../src/server/redis";

export const deps = () => ({ db: getDb(), redis: getRedis() });

/** A three-price experiment ($19 control, $24, $29), started unless `draft`. */
export async function createPriceExperiment(
  tenantId: string,
  opts: { key?: string; weights?: [number, number, number]; draft?: boolean; extra?: Partial<TCreateExperimentInput> } = {},
) {
  const [w0, w1, w2] = opts.weights ?? [1, 1, 1];
  const input = ZCreateExperimentInput.parse({
    key: opts.key ?? `exp-${Math.random().toString(36).slice(2, 10)}`,
    name: "Plan price",
    currency: "USD",
    variants: [
      { key: "control", name: "$19", price: "19.00", weight: w0, isControl: true },
      { key: "mid", name: "$24", price: "24.00", weight: w1 },
      { key: "high", name: "$29", price: "29.00", weight: w2 },
    ],
    ...opts.extra,
  });
  const created = await createExperiment(deps(), tenantId, "test", input);
  if (opts.draft) return created;
  return transitionExperiment(deps(), tenantId, "test", { id: created.id, action: "start" });
}

/** Each variant's totals, summed over its metric shards in SQL. */
export async function metricsByKey(experimentId: string) {
  const rows = await getDb().$queryRaw<
    { key: string; views: bigint; conversions: bigint; converting: bigint; revenue: string; sum_squares: string }[]
  >`SELECT v.key, coalesce(sum(m.views), 0) AS views, coalesce(sum(m.conversions), 0) AS conversions,
           coalesce(sum(m.converting_visitors), 0) AS converting,
           to_char(coalesce(sum(m.revenue), 0), 'FM9999999990.00') AS revenue,
           to_char(coalesce(sum(m.revenue_sum_squares), 0), 'FM99999999999990.0000') AS sum_squares
    FROM variants v LEFT JOIN variant_metrics m ON m.variant_id = v.id
    WHERE v.experiment_id = ${experimentId}::uuid GROUP BY v.key`;
  return Object.fromEntries(
    rows.map((r) => [
      r.key,
      {
        views: Number(r.views),
        conversions: Number(r.conversions),
        convertingVisitors: Number(r.converting),
        revenue: r.revenue,
        revenueSumSquares: r.sum_squares,
      },
    ]),
  );
}
