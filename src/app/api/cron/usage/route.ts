import { env } from "@/env";
import { cronRoute } from "@/server/bandit/cron-route";
import { expireLapsedPlans, reportManagedUsage } from "@/server/billing/billing-jobs";
import { getStripe } from "@/server/billing/stripe-client";
import { getDb } from "@/server/db";
import { getRedis } from "@/server/redis";
import { rollupUsage } from "@/server/usage/rollup-usage";

export const dynamic = "force-dynamic";

/**
 * Every 10 minutes (vercel.json): rolls the Redis usage counters up into usage_records
 * and tenants.current_usage, drops plans whose grace or paid period is over, and, in
 * managed mode, reports usage to Stripe as meter events.
 */
export const GET = cronRoute("usage", async () => {
  const deps = { db: getDb(), redis: getRedis() };
  const rollup = await rollupUsage(deps);
  const lapsed = await expireLapsedPlans(deps, env);
  const stripe = getStripe();
  const meterEvents = stripe && env.STRIPE_METER_EVENT_NAME ? await reportManagedUsage({ ...deps, stripe }, env.STRIPE_METER_EVENT_NAME) : 0;
  return { ...rollup, lapsed, meterEvents };
});
