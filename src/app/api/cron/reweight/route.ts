import { env } from "@/env";
import { authorizeCron } from "@/server/bandit/cron-auth";
import { reweightExperiments } from "@/server/bandit/reweight-experiments";
import { getDb } from "@/server/db";
import { log } from "@/server/lib/logger";
import { requestIdFrom } from "@/server/lib/request-id";
import { getRedis } from "@/server/redis";
import { watchDecisions } from "@/server/notifications/watch-decisions";
import { takeSnapshots } from "@/server/snapshots/take-snapshots";

export const dynamic = "force-dynamic";

/**
 * Hourly (vercel.json): moves bandit experiments' traffic toward the better prices,
 * then records every running experiment's totals for its chart over time, and
 * tells tenants' webhooks when a test is ready to ship or its split is broken.
 */
export async function GET(request: Request) {
  const requestId = requestIdFrom(request.headers);
  const headers = { "x-request-id": requestId };
  const auth = authorizeCron(request.headers.get("authorization"), env.CRON_SECRET);
  if (auth === "not-configured") {
    return Response.json(
      { error: "CRON_NOT_CONFIGURED", message: "CRON_SECRET is not set on this deployment, so the reweight cron is disabled." },
      { status: 503, headers },
    );
  }
  if (auth === "unauthorized") {
    return Response.json({ error: "UNAUTHORIZED", message: "Send `Authorization: Bearer <CRON_SECRET>`." }, { status: 401, headers });
  }
  try {
    const db = getDb();
    const summary = await reweightExperiments({ db, redis: getRedis() });
    const snapshots = await takeSnapshots(db);
    const notifications = await watchDecisions(db);
    return Response.json({ ...summary, snapshots, notifications }, { headers });
  } catch (error) {
    log("error", "reweight cron failed", { requestId, error: error instanceof Error ? error.message : String(error) });
    return Response.json({ error: "INTERNAL", message: `Internal error (request id ${requestId})` }, { status: 500, headers });
  }
}
