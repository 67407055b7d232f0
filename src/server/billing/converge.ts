import "server-only";
import type Stripe from "stripe";
import type { BillingStatus, Plan } from "@/shared/domain/tenants";
import type { BillingState } from "./apply-plan";

/** A failed payment keeps the paid plan this long (from the first failure) while Stripe retries. */
export const GRACE_DAYS = 7;

export interface PriceIds {
  starter?: string | undefined;
  pro?: string | undefined;
}

export function planForPrice(prices: PriceIds, priceId: string | undefined): Exclude<Plan, "free"> | null {
  if (priceId && priceId === prices.starter) return "starter";
  if (priceId && priceId === prices.pro) return "pro";
  return null;
}

/** The parts of a Stripe subscription the plan depends on (a Stripe.Subscription is one). */
export interface SubscriptionView {
  id: string;
  status: Stripe.Subscription.Status;
  cancel_at_period_end: boolean;
  created: number;
  items: { data: { price: { id: string }; current_period_end: number }[] };
}

// Which of a customer's subscriptions decides the plan: a live one before a dead one, then the newest.
const RANK: Record<string, number> = { active: 6, trialing: 6, past_due: 5, unpaid: 3, paused: 2, incomplete: 1, incomplete_expired: 0, canceled: 0 };

export function currentSubscription(subscriptions: SubscriptionView[]): SubscriptionView | null {
  return [...subscriptions].sort((a, b) => (RANK[b.status] ?? 0) - (RANK[a.status] ?? 0) || b.created - a.created)[0] ?? null;
}

export type Converged = { state: BillingState } | { unknownPrice: string };

/**
 * The tenant's billing state as a pure function of what Stripe says now (and when a
 * grace period began), so any event, in any order, any number of times, ends in the
 * same state.
 */
export function convergeState(subscriptions: SubscriptionView[], prices: PriceIds, current: { graceUntil: Date | null }, now: Date): Converged {
  const sub = currentSubscription(subscriptions);
  const free = (billingStatus: BillingStatus): Converged => ({
    state: { plan: "free", billingStatus, stripeSubscriptionId: sub?.id ?? null, planPeriodEnd: null, graceUntil: null },
  });
  if (!sub) return free("none");
  const item = sub.items.data[0];
  const periodEnd = item?.current_period_end ? new Date(item.current_period_end * 1000) : null;
  switch (sub.status) {
    case "active":
    case "trialing":
    case "past_due": {
      const plan = planForPrice(prices, item?.price.id);
      if (!plan) return { unknownPrice: item?.price.id ?? "(none)" };
      if (sub.status !== "past_due") {
        return {
          state: {
            plan,
            billingStatus: sub.cancel_at_period_end ? "canceling" : "active",
            stripeSubscriptionId: sub.id,
            planPeriodEnd: periodEnd,
            graceUntil: null,
          },
        };
      }
      const graceUntil = current.graceUntil ?? new Date(now.getTime() + GRACE_DAYS * 86_400_000);
      return {
        state: {
          plan: graceUntil > now ? plan : "free",
          billingStatus: "past_due",
          stripeSubscriptionId: sub.id,
          planPeriodEnd: periodEnd,
          graceUntil,
        },
      };
    }
    case "incomplete":
      // Checkout's first payment has not gone through yet.
      return free("none");
    default:
      return free("canceled");
  }
}
