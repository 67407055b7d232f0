import { getDb } from "../../src/server/db";
import { createExperiment } from "../../src/server/experiments/create-experiment";
import type { TCreateExperimentInput } from "../../src/server/experiments/schemas";
import { ZCreateExperimentInput } from "../../src/server/experiments/schemas";
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

export async function metricsByKey(experimentId: string) {
  const variants = await getDb().variant.findMany({ where: { experimentId }, include: { metrics: true } });
  return Object.fromEntries(
    variants.map((v) => [
      v.key,
      {
        views: v.metrics?.views ?? 0,
        conversions: v.metrics?.conversions ?? 0,
        convertingVisitors: v.metrics?.convertingVisitors ?? 0,
        revenue: v.metrics?.revenue.toFixed(2) ?? "0.00",
        revenueSumSquares: v.metrics?.revenueSumSquares.toFixed(4) ?? "0.0000",
      },
    ]),
  );
}
