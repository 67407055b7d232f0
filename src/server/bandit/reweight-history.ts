import "server-only";
import { z } from "zod";
import type { Db } from "@/server/db";
import { appError } from "@/server/lib/app-error";

/** A month of hourly reweights: enough to chart, bounded however long a bandit runs. */
export const REWEIGHT_HISTORY_LIMIT = 720;

export const ZReweightHistoryInput = z.object({ id: z.uuid("must be an experiment id") });

/** Oldest first, ready to chart; at most the REWEIGHT_HISTORY_LIMIT most recent reweights. */
export const ZReweightHistory = z.array(
  z.object({
    createdAt: z.iso.datetime(),
    metric: z.enum(["revenue", "conversion"]),
    /** Integer weights by variant key, summing to 10,000. */
    weights: z.record(z.string(), z.number()),
  }),
);

export type TReweightHistory = z.infer<typeof ZReweightHistory>;

const ZStoredWeights = z.record(z.string(), z.number());
const ZStoredMetric = z.enum(["revenue", "conversion"]);

/** The bandit reweights of one of the tenant's experiments; NOT_FOUND for a missing id and for another tenant's. */
export async function listReweightHistory(db: Db, tenantId: string, experimentId: string): Promise<TReweightHistory> {
  const experiment = await db.experiment.findFirst({ where: { id: experimentId, tenantId }, select: { id: true } });
  if (!experiment) throw appError("NOT_FOUND", "EXPERIMENT_NOT_FOUND", "No experiment with this id.");
  const rows = await db.banditReweight.findMany({
    where: { experimentId: experiment.id },
    orderBy: { createdAt: "desc" },
    take: REWEIGHT_HISTORY_LIMIT,
    select: { createdAt: true, metric: true, weights: true },
  });
  // Rows are written only by the reweight service; one that does not parse is skipped rather than failing the chart.
  const items = rows.flatMap((r) => {
    const weights = ZStoredWeights.safeParse(r.weights);
    const metric = ZStoredMetric.safeParse(r.metric);
    return weights.success && metric.success ? [{ createdAt: r.createdAt.toISOString(), metric: metric.data, weights: weights.data }] : [];
  });
  return items.reverse();
}
