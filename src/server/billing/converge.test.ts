import { describe, expect, it } from "vitest";
import { convergeState, GRACE_DAYS, type SubscriptionView } from "./converge";

const PRICES = { starter: "price_s", pro: "price_p" };
const NOW = new Date("2026-11-20T12:00:00Z");
const PERIOD_END = Math.floor(new Date("2026-12-20T00:00:00Z").getTime() / 1000);

function sub(over: { id?: string; status?: SubscriptionView["status"]; price?: string; cancel?: boolean; created?: number }): SubscriptionView {
  return {
    id: over.id ?? "sub_1",
    status: over.status ?? "active",
    cancel_at_period_end: over.cancel ?? false,
    created: over.created ?? 1,
    items: { data: [{ price: { id: over.price ?? PRICES.pro }, current_period_end: PERIOD_END }] },
  };
}

describe("billing state from Stripe's subscriptions", () => {
  it("maps an active subscription's price to its plan", () => {
    expect(convergeState([sub({ price: PRICES.starter })], PRICES, { graceUntil: null }, NOW)).toEqual({
      state: {
        plan: "starter",
        billingStatus: "active",
        stripeSubscriptionId: "sub_1",
        planPeriodEnd: new Date(PERIOD_END * 1000),
        graceUntil: null,
      },
    });
  });

  it("prefers the live subscription over a canceled one, whatever their order", () => {
    const subs = [sub({ id: "old", status: "canceled", created: 5 }), sub({ id: "new", status: "active", price: PRICES.starter, created: 3 })];
    expect(convergeState(subs, PRICES, { graceUntil: null }, NOW)).toMatchObject({ state: { plan: "starter", stripeSubscriptionId: "new" } });
    expect(convergeState(subs.reverse(), PRICES, { graceUntil: null }, NOW)).toMatchObject({
      state: { plan: "starter", stripeSubscriptionId: "new" },
    });
  });

  it("keeps a plan canceled at period end until then", () => {
    expect(convergeState([sub({ cancel: true })], PRICES, { graceUntil: null }, NOW)).toMatchObject({
      state: { plan: "pro", billingStatus: "canceling" },
    });
  });

  it("keeps a past-due plan for the grace period from the first failure, then free", () => {
    const first = convergeState([sub({ status: "past_due" })], PRICES, { graceUntil: null }, NOW);
    const grace = new Date(NOW.getTime() + GRACE_DAYS * 86_400_000);
    expect(first).toMatchObject({ state: { plan: "pro", billingStatus: "past_due", graceUntil: grace } });
    const later = new Date(grace.getTime() + 1);
    expect(convergeState([sub({ status: "past_due" })], PRICES, { graceUntil: grace }, later)).toMatchObject({
      state: { plan: "free", billingStatus: "past_due", graceUntil: grace },
    });
  });

  it("is free with no subscription, an unpaid one, or a checkout not yet paid", () => {
    expect(convergeState([], PRICES, { graceUntil: null }, NOW)).toMatchObject({ state: { plan: "free", billingStatus: "none" } });
    expect(convergeState([sub({ status: "unpaid" })], PRICES, { graceUntil: null }, NOW)).toMatchObject({
      state: { plan: "free", billingStatus: "canceled" },
    });
    expect(convergeState([sub({ status: "incomplete" })], PRICES, { graceUntil: null }, NOW)).toMatchObject({
      state: { plan: "free", billingStatus: "none" },
    });
  });

  it("reports a price this deployment does not know instead of guessing a plan", () => {
    expect(convergeState([sub({ price: "price_other" })], PRICES, { graceUntil: null }, NOW)).toEqual({ unknownPrice: "price_other" });
  });
});
