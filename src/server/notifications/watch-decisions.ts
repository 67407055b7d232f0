import "server-only";
import type { Db } from "@/server/db";
import { count, log } from "@/server/lib/logger";
import { computeResults } from "@/server/results/compute-results";
import { notifyOnce } from "./notify-once";

export interface WatchSummary {
  checked: number;
  decisionReady: number;
  srmDetected: number;
  failed: number;
}

/**
 * Hourly (with the reweight cron): evaluates every running experiment of tenants
 * with a webhook, exactly as the results page does, and sends
 * `experiment.decision_ready` the first time the rule says "ship" and
 * `experiment.srm_detected` the first time the split check fails.
 */
export async function watchDecisions(db: Db, now = new Date(), opts: { tenantIds?: string[] } = {}): Promise<WatchSummary> {
  const summary: WatchSummary = { checked: 0, decisionReady: 0, srmDetected: 0, failed: 0 };
  const running = await db.experiment.findMany({
    where: { status: "running", tenant: { webhookUrl: { not: null } }, ...(opts.tenantIds ? { tenantId: { in: opts.tenantIds } } : {}) },
    select: { id: true, key: true, tenantId: true },
  });
  for (const e of running) {
    summary.checked++;
    try {
      const results = await computeResults({ db, now: () => now }, e.tenantId, e.id);
      const base = { experimentId: e.id, experimentKey: e.key };
      if (results.decision.action === "ship") {
        const sent = await notifyOnce(
          db,
          e.tenantId,
          `decision:${e.id}`,
          "experiment.decision_ready",
          {
            ...base,
            variantKey: results.decision.variantKey,
            headline: results.decision.headline,
            mode: results.decision.mode,
          },
          now,
        );
        if (sent) summary.decisionReady++;
      }
      if (results.srm.flagged) {
        const sent = await notifyOnce(
          db,
          e.tenantId,
          `srm:${e.id}`,
          "experiment.srm_detected",
          { ...base, pValue: results.srm.pValue, expected: results.srm.expected },
          now,
        );
        if (sent) summary.srmDetected++;
      }
    } catch (error) {
      summary.failed++;
      count("notifications.watch_failed");
      log("error", "decision watch failed", { experimentId: e.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return summary;
}

/** Usage shares of the monthly limit that send `usage.threshold_reached` (once each per month). */
export const USAGE_THRESHOLDS = [0.8, 1] as const;

export async function notifyUsageThresholds(db: Db, tenantId: string, used: number, limit: number, now = new Date()): Promise<number> {
  if (!(limit > 0)) return 0;
  const month = now.toISOString().slice(0, 7);
  let sent = 0;
  for (const t of USAGE_THRESHOLDS) {
    if (used < t * limit) continue;
    const percent = Math.round(t * 100);
    if (await notifyOnce(db, tenantId, `usage${percent}:${month}`, "usage.threshold_reached", { threshold: percent, used, limit, month }, now))
      sent++;
  }
  return sent;
}
