import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../src/env";
import { expireLapsedPlans, reportManagedUsage } from "../../src/server/billing/billing-jobs";
import { createCheckoutSession, createPortalSession } from "../../src/server/billing/checkout";
import { createStripe } from "../../src/server/billing/stripe-client";
import { handleStripeWebhook, type WebhookDeps } from "../../src/server/billing/stripe-webhook";
import { getDb } from "../../src/server/db";
import { getTenantPlan } from "../../src/server/usage/tenant-plan";
import { deps } from "../helpers/experiments";
import { FakeStripe, signPayload, subscriptionObject } from "../helpers/fake-stripe";
import { createTestTenant } from "../helpers/fixtures";
import { tenantSnapshot } from "../helpers/trpc-http";

const SECRET = `whsec_test_${randomUUID().replace(/-/g, "")}`;
const PRICES = { starter: "price_starter_test", pro: "price_pro_test" };
const fake = new FakeStripe();
let hook: WebhookDeps;

beforeAll(async () => {
  await fake.start();
  hook = {
    ...deps(),
    stripe: createStripe("sk_test_local_fake", fake.url),
    env: { ...env, STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_PRICE_STARTER: PRICES.starter, STRIPE_PRICE_PRO: PRICES.pro },
  };
});
afterAll(() => fake.stop());

const send = (payload: string, now?: Date, signature = signPayload(payload, SECRET)) => handleStripeWebhook(hook, payload, signature, now);

/** A tenant that went through Checkout (a Stripe customer linked to it). */
async function customerTenant(label: string) {
  const { tenant, user } = await createTestTenant(label);
  const { url } = await createCheckoutSession({ ...hook, prices: PRICES, appOrigin: "http://app.test" }, tenant.id, "pro", user.email);
  const row = await getDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } });
  if (!row.stripeCustomerId) throw new Error("no customer");
  return { tenant, user, customer: row.stripeCustomerId, url };
}

const tenantRow = (id: string) => getDb().tenant.findUniqueOrThrow({ where: { id } });

describe("Stripe Checkout and Billing Portal (official client against a local Stripe)", () => {
  it("creates a subscription-mode Checkout Session for the plan's price with the tenant as client reference", async () => {
    const { tenant, customer, url } = await customerTenant("stripe-checkout");
    const session = [...fake.sessions.values()].find((s) => s.tenantId === tenant.id);
    expect(session).toMatchObject({ customer, price: PRICES.pro, cancelUrl: "http://app.test/billing/cancel" });
    expect(session?.successUrl).toBe("http://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}");
    expect(url).toBe(`${fake.url}/checkout/${session?.id ?? ""}`);
    expect(fake.customers.get(customer)?.metadata).toEqual({ tenantId: tenant.id });
    const portal = await createPortalSession({ ...hook, prices: PRICES, appOrigin: "http://app.test" }, tenant.id);
    expect(portal.url).toBe(`${fake.url}/portal/${customer}`);
  });

  it("refuses Checkout for a plan without a configured price, and the portal for a tenant without a customer", async () => {
    const { tenant } = await createTestTenant("stripe-no-price");
    const noPrices = { ...hook, prices: { pro: PRICES.pro }, appOrigin: "http://app.test" };
    await expect(createCheckoutSession(noPrices, tenant.id, "starter", null)).rejects.toMatchObject({ appCode: "BILLING_PRICE_MISSING" });
    await expect(createPortalSession(noPrices, tenant.id)).rejects.toMatchObject({ appCode: "NO_BILLING_ACCOUNT" });
  });
});

describe("POST /api/stripe/webhook", () => {
  it("applies a completed checkout: plan, limit and billing status from the subscription, at once for the limit check", async () => {
    const { tenant, customer } = await customerTenant("stripe-apply");
    expect((await getTenantPlan(deps(), tenant.id))?.plan).toBe("free");
    const sub = fake.setSubscription({ customer, price: PRICES.pro });
    const answer = await send(
      fake.event("checkout.session.completed", {
        id: "cs_x",
        object: "checkout.session",
        customer,
        client_reference_id: tenant.id,
        subscription: sub.id,
      }),
    );
    expect(answer).toEqual({ status: 200, body: { received: true, plan: "pro", billingStatus: "active" } });
    expect(await tenantRow(tenant.id)).toMatchObject({
      plan: "pro",
      usageLimit: env.PRO_TIER_LIMIT,
      billingStatus: "active",
      stripeSubscriptionId: sub.id,
    });
    expect(await getTenantPlan(deps(), tenant.id)).toMatchObject({ plan: "pro", usageLimit: env.PRO_TIER_LIMIT });
  });

  it("answers a replayed event 200 and changes nothing the second time", async () => {
    const { tenant, customer } = await customerTenant("stripe-replay");
    const sub = fake.setSubscription({ customer, price: PRICES.starter });
    const payload = fake.event("customer.subscription.created", subscriptionObject(sub));
    expect((await send(payload)).body).toMatchObject({ plan: "starter" });
    const before = await tenantSnapshot(tenant.id);
    // Stripe now says something else; a replay of the old event must still do nothing.
    sub.price = PRICES.pro;
    expect(await send(payload)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("rejects a bad signature with 400 and records nothing", async () => {
    const { tenant, customer } = await customerTenant("stripe-badsig");
    fake.setSubscription({ customer, price: PRICES.pro });
    const eventId = `evt_bad_${randomUUID().slice(0, 8)}`;
    const payload = fake.event("customer.subscription.created", { id: "sub_x", customer }, eventId);
    const before = await tenantSnapshot(tenant.id);
    const forged = signPayload(payload, "whsec_not_the_secret");
    expect((await send(payload, undefined, forged)).status).toBe(400);
    expect((await handleStripeWebhook(hook, payload, null)).status).toBe(400);
    // A valid signature over different bytes does not verify this body.
    expect((await send(payload, undefined, signPayload(`${payload} `, SECRET))).status).toBe(400);
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
    expect(await getDb().stripeEvent.findUnique({ where: { id: eventId } })).toBeNull();
  });

  it("acknowledges an event type outside the allowlist with 200 and ignores it", async () => {
    const { tenant, customer } = await customerTenant("stripe-unknown-type");
    fake.setSubscription({ customer, price: PRICES.pro });
    const before = await tenantSnapshot(tenant.id);
    const answer = await send(fake.event("customer.updated", { id: customer, object: "customer", customer }));
    expect(answer).toEqual({ status: 200, body: { received: true, ignored: true, type: "customer.updated" } });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("acknowledges an unknown customer with 200, logs it, and changes no tenant", async () => {
    const { tenant } = await customerTenant("stripe-unknown-customer");
    const before = await tenantSnapshot(tenant.id);
    const stranger = `cus_stranger_${randomUUID().slice(0, 8)}`;
    fake.setSubscription({ customer: stranger, price: PRICES.pro });
    const eventId = `evt_unknown_${randomUUID().slice(0, 8)}`;
    const answer = await send(fake.event("invoice.paid", { id: "in_x", object: "invoice", customer: stranger }, eventId));
    expect(answer).toEqual({ status: 200, body: { received: true, unknownCustomer: true } });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
    expect(await getDb().tenant.count({ where: { stripeCustomerId: stranger } })).toBe(0);
    expect(await getDb().stripeEvent.findUnique({ where: { id: eventId } })).toMatchObject({ outcome: "unknown_customer", tenantId: null });
  });

  it("ends in Stripe's current state when two events arrive out of order", async () => {
    const { tenant, customer } = await customerTenant("stripe-order");
    const sub = fake.setSubscription({ customer, price: PRICES.starter });
    const created = fake.event("customer.subscription.created", subscriptionObject(sub));
    // The customer upgrades, then cancels at once; Stripe now holds a canceled subscription.
    sub.price = PRICES.pro;
    const updated = fake.event("customer.subscription.updated", subscriptionObject(sub));
    sub.status = "canceled";
    const deleted = fake.event("customer.subscription.deleted", subscriptionObject(sub));
    // Delivered newest first, oldest last.
    expect((await send(deleted)).body).toMatchObject({ plan: "free", billingStatus: "canceled" });
    expect((await send(created)).body).toMatchObject({ plan: "free", billingStatus: "canceled" });
    expect((await send(updated)).body).toMatchObject({ plan: "free" });
    expect(await tenantRow(tenant.id)).toMatchObject({ plan: "free", usageLimit: env.FREE_TIER_LIMIT, billingStatus: "canceled" });
  });

  it("keeps a canceled plan until the period ends, then drops to free", async () => {
    const { tenant, customer } = await customerTenant("stripe-cancel");
    const sub = fake.setSubscription({ customer, price: PRICES.pro, cancelAtPeriodEnd: true });
    expect((await send(fake.event("customer.subscription.updated", subscriptionObject(sub)))).body).toMatchObject({
      plan: "pro",
      billingStatus: "canceling",
    });
    expect((await tenantRow(tenant.id)).planPeriodEnd?.getTime()).toBe(sub.periodEnd * 1000);
    // Without the deletion event, the scheduled job drops it once the period is over.
    expect(await expireLapsedPlans(deps(), env, new Date(sub.periodEnd * 1000 + 1000))).toBeGreaterThanOrEqual(1);
    expect(await tenantRow(tenant.id)).toMatchObject({ plan: "free", billingStatus: "canceled", usageLimit: env.FREE_TIER_LIMIT });
  });

  it("keeps the plan through a failed payment for the grace period, then drops to free; a paid invoice restores it", async () => {
    const { tenant, customer } = await customerTenant("stripe-past-due");
    const sub = fake.setSubscription({ customer, price: PRICES.starter });
    await send(fake.event("customer.subscription.created", subscriptionObject(sub)));
    sub.status = "past_due";
    const failedAt = new Date();
    expect((await send(fake.event("invoice.payment_failed", { id: "in_1", object: "invoice", customer }), failedAt)).body).toMatchObject({
      plan: "starter",
      billingStatus: "past_due",
    });
    const graceUntil = (await tenantRow(tenant.id)).graceUntil;
    expect(graceUntil?.getTime()).toBe(failedAt.getTime() + 7 * 86_400_000);
    // A second failure does not extend the grace period.
    await send(fake.event("invoice.payment_failed", { id: "in_2", object: "invoice", customer }), new Date(failedAt.getTime() + 3 * 86_400_000));
    expect((await tenantRow(tenant.id)).graceUntil).toEqual(graceUntil);
    expect(await expireLapsedPlans(deps(), env, new Date(failedAt.getTime() + 8 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await tenantRow(tenant.id)).toMatchObject({ plan: "free", billingStatus: "past_due" });
    sub.status = "active";
    expect((await send(fake.event("invoice.paid", { id: "in_3", object: "invoice", customer }))).body).toMatchObject({
      plan: "starter",
      billingStatus: "active",
    });
    expect(await tenantRow(tenant.id)).toMatchObject({ graceUntil: null, usageLimit: env.STARTER_TIER_LIMIT });
  });
});

describe("managed mode: usage billed through Stripe Billing Meter events", () => {
  it("sends each usage record's growth once, with an identifier Stripe deduplicates on a retry", async () => {
    const { tenant, customer } = await customerTenant("stripe-meter");
    await getDb().tenant.update({ where: { id: tenant.id }, data: { mode: "managed" } });
    const day = new Date(new Date().toISOString().slice(0, 10));
    const record = await getDb().usageRecord.create({ data: { tenantId: tenant.id, usageType: "tracked_visitors", count: 5, day } });
    const mine = () => [...fake.meterEvents.values()].filter((e) => e.customer === customer);
    await reportManagedUsage({ ...hook }, "tracked_visitors");
    expect(mine()).toEqual([{ eventName: "tracked_visitors", customer, value: 5 }]);
    await reportManagedUsage({ ...hook }, "tracked_visitors");
    expect(mine()).toHaveLength(1);
    await getDb().usageRecord.update({ where: { id: record.id }, data: { count: 8 } });
    await reportManagedUsage({ ...hook }, "tracked_visitors");
    // The run crashed after sending and before marking: the resend carries the same identifier.
    await getDb().usageRecord.update({ where: { id: record.id }, data: { reportedCount: 5 } });
    await reportManagedUsage({ ...hook }, "tracked_visitors");
    expect(mine().map((e) => e.value)).toEqual([5, 3]);
    expect(fake.meterEvents.has(`${record.id}:8`)).toBe(true);
  });
});
