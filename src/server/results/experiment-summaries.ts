import "server-only";
import type { Db } from "@/server/db";
import { probabilityBestMean } from "@/server/stats";
import { armTotals } from "./arm-stats";
import { RESULTS_PROBABILITY_DRAWS, resultsSeed } from "./compute-results";
import type { TExperimentSummary } from "./summary-schemas";

/**
 * What the experiments list shows per experiment: visitors, and the price most
 * likely to earn the most per visitor with that chance. Aggregates only, one
 * query for the whole page and no decision, demand curve or interval work, so
 * the list costs a fraction of one `experiments.results`. The chance uses the
 * same draws and seed as the results page (uncapped revenue: a revenue cap,
 * off by default, applies on the experiment's own page).
 */
export async function experimentSummaries(db: Db, tenantId: string, ids: readonly string[]): Promise<TExperimentSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db.experiment.findMany({
    where: { tenantId, id: { in: [...ids] } },
    select: { id: true, variants: { orderBy: { position: "asc" }, select: { key: true, name: true, price: true, metrics: true } } },
  });
  return rows.map((row) => {
    const totals = row.variants.map((v) => armTotals(v.metrics));
    const visitors = totals.reduce((s, t) => s + t.visitors, 0);
    if (visitors === 0) return { id: row.id, visitors, leader: null };
    const chances = probabilityBestMean(
      totals.map((t) => ({ n: t.visitors, sum: t.revenue, sumSquares: t.revenueSumSquares })),
      { seed: resultsSeed(row.id), draws: RESULTS_PROBABILITY_DRAWS },
    );
    let best = 0;
    chances.forEach((p, i) => {
      if (p > (chances[best] ?? 0)) best = i;
    });
    const v = row.variants[best];
    return { id: row.id, visitors, leader: v ? { key: v.key, name: v.name, price: v.price.toFixed(2), probabilityBest: chances[best] ?? 0 } : null };
  });
}
