import "server-only";
import { type CacheDeps, invalidateExperimentConfig } from "@/server/cache/experiment-config";
import { log } from "@/server/lib/logger";
import { BANDIT_METRICS, type BanditMetric } from "@/shared/domain/experiments";
import { isOneOf } from "@/shared/domain/one-of";
import { banditExperimentInclude, reweightExperiment, type ReweightOutcome } from "./reweight-experiment";

export interface ReweightDeps extends CacheDeps {
  now?: () => Date;
}

export interface ReweightScope {
  /** Only this tenant's experiments (an operator's "reweight now", or a test on a shared database). */
  tenantId?: string;
}

export interface ReweightSummary {
  checked: number;
  reweighted: number;
  skipped: number;
  failed: number;
  experiments: (ReweightOutcome | { experimentId: string; key: string; metric: BanditMetric; reweighted: false; reason: "error" })[];
}

/**
 * Reweights every running bandit experiment (the hourly cron). One experiment
 * failing is logged and counted without stopping the others.
 */
export async function reweightExperiments(deps: ReweightDeps, scope: ReweightScope = {}): Promise<ReweightSummary> {
  const now = deps.now?.() ?? new Date();
  const rows = await deps.db.experiment.findMany({
    where: { status: "running", banditMetric: { in: [...BANDIT_METRICS] }, ...(scope.tenantId ? { tenantId: scope.tenantId } : {}) },
    include: banditExperimentInclude,
    orderBy: { createdAt: "asc" },
  });
  const summary: ReweightSummary = { checked: 0, reweighted: 0, skipped: 0, failed: 0, experiments: [] };
  for (const row of rows) {
    if (row.banditMetric === null || !isOneOf(BANDIT_METRICS, row.banditMetric)) continue;
    summary.checked++;
    try {
      const outcome = await reweightExperiment(deps.db, row, row.banditMetric, now);
      summary.experiments.push(outcome);
      if (outcome.reweighted) {
        summary.reweighted++;
        // Assignment reads weights from the config cache; new visitors get the new split at once.
        await invalidateExperimentConfig(deps, row.tenantId, row.key);
      } else {
        summary.skipped++;
      }
    } catch (error) {
      summary.failed++;
      summary.experiments.push({ experimentId: row.id, key: row.key, metric: row.banditMetric, reweighted: false, reason: "error" });
      log("error", "bandit reweight failed", { experimentId: row.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  log("info", "bandit reweight run", { checked: summary.checked, reweighted: summary.reweighted, skipped: summary.skipped, failed: summary.failed });
  return summary;
}
