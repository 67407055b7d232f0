import "server-only";
import type Stripe from "stripe";
import type { Env } from "@/env";
import type { CacheDeps } from "@/server/cache/experiment-config";
import { log } from "@/server/lib/logger";
import { USAGE_TYPE } from "@/server/usage/usage-counter";
import { applyPlan } from "./apply-plan";

type LimitEnv = Pick<Env, "FREE_TIER_LIMIT" | "STARTER_TIER_LIMIT" | "PRO_TIER_LIMIT">;

/**
 * Plans whose time is up without a webhook saying so: a past-due plan after its grace
 * period, and a canceled plan after its paid period (Stripe's subscription.deleted
 * normally arrives first; this makes the drop not depend on it).
 */
export async function expireLapsedPlans(deps: CacheDeps, env: LimitEnv, now = new Date()): Promise<number> {
  const lapsed = await deps.db.tenant.findMany({
    where: {
      plan: { not: "free" },
      OR: [
        { billingStatus: "past_due", graceUntil: { lt: now } },
        { billingStatus: "canceling", planPeriodEnd: { lt: now } },
      ],
    },
    select: { id: true, billingStatus: true },
  });
  for (const t of lapsed) {
    await applyPlan(deps, env, t.id, "billing:lapsed", { plan: "free", billingStatus: t.billingStatus === "canceling" ? "canceled" : "past_due" });
  }
  return lapsed.length;
}

/**
 * Managed mode (the platform's Paid.ai key): usage is billed through Stripe's
 * usage-based billing. Each usage record's growth since the last report is sent as a
 * Billing Meter event whose identifier is the record id and the count it brings the
 * total to, so a retry after a crash (sent, not yet marked) is deduplicated by Stripe.
 */
export async function reportManagedUsage(deps: CacheDeps & { stripe: Stripe }, eventName: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const records = await deps.db.usageRecord.findMany({
    where: { usageType: USAGE_TYPE, day: { gte: since }, tenant: { mode: "managed", stripeCustomerId: { not: null } } },
    select: { id: true, count: true, reportedCount: true, day: true, tenant: { select: { stripeCustomerId: true } } },
    take: 5_000,
  });
  let sent = 0;
  for (const r of records) {
    const delta = r.count - r.reportedCount;
    const customer = r.tenant.stripeCustomerId;
    if (delta <= 0 || !customer || !r.day) continue;
    const endOfDay = Math.floor(r.day.getTime() / 1000) + 86_399;
    try {
      await deps.stripe.billing.meterEvents.create({
        event_name: eventName,
        identifier: `${r.id}:${r.count}`,
        timestamp: Math.min(endOfDay, Math.floor(now.getTime() / 1000)),
        payload: { stripe_customer_id: customer, value: String(delta) },
      });
    } catch (error) {
      log("warn", "meter event not sent; retried next run", { usageRecordId: r.id, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    await deps.db.usageRecord.updateMany({ where: { id: r.id, reportedCount: r.reportedCount }, data: { reportedCount: r.count } });
    sent++;
  }
  return sent;
}
