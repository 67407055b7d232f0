import { env } from "@/env";
import { authorizeCron } from "@/server/bandit/cron-auth";
import { expireLapsedPlans, reportManagedUsage } from "@/server/billing/billing-jobs";
import { getStripe } from "@/server/billing/stripe-client";
import { getDb } from "@/server/db";
import { log } from "@/server/lib/logger";
import { requestIdFrom } from "@/server/lib/request-id";
import { getRedis } from "@/server/redis";
import { rollupUsage } from "@/server/usage/rollup-usage";

export const dynamic = "force-dynamic";

/**
 * Every 10 minutes (vercel.json): rolls the Redis usage counters up into usage_records
 * and tenants.current_usage, drops plans whose grace or paid period is over, and, in
 * managed mode, reports usage to Stripe as meter events.
 */
export async function GET(request: Request) {
  const requestId = requestIdFrom(request.headers);
  const headers = { "x-request-id": requestId };
  const auth = authorizeCron(request.headers.get("authorization"), env.CRON_SECRET);
  if (auth === "not-configured") {
    return Response.json(
      { error: "CRON_NOT_CONFIGURED", message: "CRON_SECRET is not set on this deployment, so the usage cron is disabled." },
      { status: 503, headers },
    );
  }
  if (auth === "unauthorized") {
    return Response.json({ error: "UNAUTHORIZED", message: "Send `Authorization: Bearer <CRON_SECRET>`." }, { status: 401, headers });
  }
  try {
    const deps = { db: getDb(), redis: getRedis() };
    const rollup = await rollupUsage(deps);
    const lapsed = await expireLapsedPlans(deps, env);
    const stripe = getStripe();
    const meterEvents = stripe && env.STRIPE_METER_EVENT_NAME ? await reportManagedUsage({ ...deps, stripe }, env.STRIPE_METER_EVENT_NAME) : 0;
    return Response.json({ ...rollup, lapsed, meterEvents }, { headers });
  } catch (error) {
    log("error", "usage cron failed", { requestId, error: error instanceof Error ? error.message : String(error) });
    return Response.json({ error: "INTERNAL", message: `Internal error (request id ${requestId})` }, { status: 500, headers });
  }
}
