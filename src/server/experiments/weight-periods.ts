import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { WeightPeriod as EnginePeriod } from "@/server/stats";

type Tx = Prisma.TransactionClient;
export type WeightPeriodSource = "start" | "manual" | "bandit";

/**
 * Starts a new weight period, inside the transaction that changes the weights,
 * so the periods always explain the live weights. The visitors so far mark where
 * the previous period ended.
 */
export async function openWeightPeriod(tx: Tx, experimentId: string, weights: Record<string, number>, source: WeightPeriodSource, now = new Date()) {
  const [row] = await tx.$queryRaw<{ views: bigint }[]>`
    SELECT coalesce(sum(m.views), 0)::bigint AS views
    FROM variant_metrics m JOIN variants v ON v.id = m.variant_id
    WHERE v.experiment_id = ${experimentId}::uuid`;
  await tx.weightPeriod.create({
    data: { experimentId, weights, source, visitorsBefore: Number(row?.views ?? 0), startedAt: now },
  });
}

export interface StoredPeriod {
  startedAt: Date;
  visitorsBefore: number;
  weights: Prisma.JsonValue;
  source: string;
}

const weightsOf = (value: Prisma.JsonValue): Record<string, number> =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (typeof v === "number" ? [[k, v]] : [])))
    : {};

/** Each period with its visitors: up to the next period's start, the last one up to now. */
export function periodsWithVisitors(stored: readonly StoredPeriod[], totalVisitors: number) {
  const sorted = [...stored].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  return sorted.map((p, i) => {
    const end = sorted[i + 1]?.visitorsBefore ?? totalVisitors;
    return { startedAt: p.startedAt, source: p.source, weights: weightsOf(p.weights), visitors: Math.max(0, end - p.visitorsBefore) };
  });
}

/**
 * The closed periods as the engine takes them; the open one (and any visitors
 * from before periods were recorded) are expected at today's weights.
 */
export function enginePeriods(withVisitors: ReturnType<typeof periodsWithVisitors>): EnginePeriod[] {
  return withVisitors.slice(0, -1).map((p) => ({ visitors: p.visitors, weights: p.weights }));
}
