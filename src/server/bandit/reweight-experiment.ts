import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { armTotals } from "@/server/results/arm-stats";
import { engineArms } from "@/server/results/compute-results";
import { openWeightPeriod } from "@/server/experiments/weight-periods";
import { BANDIT_MIN_BUYERS, nextBanditWeights, toIntegerWeights } from "@/server/stats";
import { banditSeed } from "./bandit-seed";
import type { BanditMetric } from "@/shared/domain/experiments";

export const banditExperimentInclude = {
  variants: { orderBy: { position: "asc" }, include: { metrics: true } },
} satisfies Prisma.ExperimentInclude;

export type BanditExperimentRow = Prisma.ExperimentGetPayload<{ include: typeof banditExperimentInclude }>;

export type ReweightOutcome =
  | { experimentId: string; key: string; metric: BanditMetric; reweighted: true; weights: Record<string, number> }
  | { experimentId: string; key: string; metric: BanditMetric; reweighted: false; reason: string };

/**
 * Thompson-sampling weights for one running bandit experiment, from its
 * aggregates only. When they change, the variants' weights and the history
 * row are written together, so history always explains the live weights.
 */
export async function reweightExperiment(db: Db, row: BanditExperimentRow, metric: BanditMetric, now: Date): Promise<ReweightOutcome> {
  const base = { experimentId: row.id, key: row.key, metric };
  const totals = row.variants.map((v) => armTotals(v.metrics));
  const seed = banditSeed(row.id, now);
  const fewest = Math.min(...totals.map((t) => t.convertingVisitors));
  if (row.variants.length < 2) return { ...base, reweighted: false, reason: "A bandit needs at least two prices." };
  if (fewest < BANDIT_MIN_BUYERS) {
    return { ...base, reweighted: false, reason: `Waiting until every price has ${BANDIT_MIN_BUYERS} buyers (the fewest has ${fewest}).` };
  }
  const arms = engineArms(row, totals, null);
  const shares = nextBanditWeights({ arms, metric, seed });
  const integerWeights = toIntegerWeights(row.variants.map((v) => shares[v.key] ?? 0));
  const result = { integerWeights, probabilityBest: row.variants.map((v) => shares[v.key] ?? 0) };

  const weights = Object.fromEntries(row.variants.map((v, i) => [v.key, result.integerWeights[i] ?? 0]));
  const inputs = {
    seed,
    arms: row.variants.map((v, i) => ({
      key: v.key,
      previousWeight: v.weight,
      share: result.probabilityBest[i] ?? 0,
      ...(totals[i] ?? armTotals(null)),
    })),
  } satisfies Prisma.InputJsonObject;

  const applied = await db.$transaction(async (tx) => {
    // Guarded on the state we read: if the experiment was paused, completed or
    // switched off bandit mode meanwhile, its weights are no longer ours to set.
    // The row lock this takes also serialises overlapping cron runs.
    const still = await tx.experiment.updateMany({
      where: { id: row.id, status: "running", banditMetric: metric },
      data: { version: { increment: 1 } },
    });
    if (still.count === 0) return false;
    for (const [i, v] of row.variants.entries()) {
      await tx.variant.update({ where: { id: v.id }, data: { weight: result.integerWeights[i] ?? v.weight } });
    }
    await tx.banditReweight.create({ data: { experimentId: row.id, metric, inputs, weights, createdAt: now } });
    await openWeightPeriod(tx, row.id, weights, "bandit", now);
    return true;
  });
  if (!applied) return { ...base, reweighted: false, reason: "The experiment stopped running or left bandit mode during the reweight." };
  return { ...base, reweighted: true, weights };
}
