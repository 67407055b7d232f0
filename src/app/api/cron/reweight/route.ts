import { reweightExperiments } from "@/server/bandit/reweight-experiments";
import { cronRoute } from "@/server/bandit/cron-route";
import { getDb } from "@/server/db";
import { watchDecisions } from "@/server/notifications/watch-decisions";
import { getRedis } from "@/server/redis";
import { takeSnapshots } from "@/server/snapshots/take-snapshots";

export const dynamic = "force-dynamic";

/**
 * Hourly (vercel.json): moves bandit experiments' traffic toward the better prices,
 * then records every running experiment's totals for its chart over time, and
 * tells tenants' webhooks when a test is ready to ship or its split is broken.
 */
export const GET = cronRoute("reweight", async () => {
  const db = getDb();
  const summary = await reweightExperiments({ db, redis: getRedis() });
  const snapshots = await takeSnapshots(db);
  const notifications = await watchDecisions(db);
  return { ...summary, snapshots, notifications };
});
