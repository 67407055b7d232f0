import "server-only";
import type Stripe from "stripe";
import type { Env } from "@/env";
import type { CacheDeps } from "@/server/cache/experiment-config";
import { count, log } from "@/server/lib/logger";
import { applyPlan } from "./apply-plan";
import { convergeState } from "./converge";

/** The events the webhook acts on (configure exactly these on the Stripe endpoint). */
export const WEBHOOK_EVENTS = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
] as const;
const HANDLED = new Set<string>(WEBHOOK_EVENTS);

export interface WebhookDeps extends CacheDeps {
  stripe: Stripe;
  env: Pick<Env, "STRIPE_WEBHOOK_SECRET" | "STRIPE_PRICE_STARTER" | "STRIPE_PRICE_PRO" | "FREE_TIER_LIMIT" | "STARTER_TIER_LIMIT" | "PRO_TIER_LIMIT">;
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

function customerOf(event: Stripe.Event): string | null {
  const object = event.data.object as { customer?: string | { id: string } | null };
  return idOf(object.customer);
}

async function findTenant(deps: WebhookDeps, event: Stripe.Event, customerId: string) {
  const byCustomer = await deps.db.tenant.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true, graceUntil: true } });
  if (byCustomer) return byCustomer;
  // Checkout names the tenant it was started for; link the customer to it.
  if (event.type !== "checkout.session.completed") return null;
  const tenantId = event.data.object.client_reference_id;
  if (!tenantId || !/^[0-9a-f-]{36}$/i.test(tenantId)) return null;
  const linked = await deps.db.tenant.updateMany({ where: { id: tenantId, stripeCustomerId: null }, data: { stripeCustomerId: customerId } });
  if (linked.count === 0) return null;
  return deps.db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, graceUntil: true } });
}

async function record(deps: WebhookDeps, event: Stripe.Event, tenantId: string | null, outcome: string): Promise<void> {
  await deps.db.stripeEvent.createMany({ data: [{ id: event.id, type: event.type, tenantId, outcome }], skipDuplicates: true });
}

/**
 * POST /api/stripe/webhook: verify the signature on the raw body, act only on the
 * allowlisted types, skip an event id already applied, then converge: re-read the
 * customer's subscriptions from Stripe and write the tenant's plan, limit and billing
 * status as absolute state. The event's own payload is never trusted for the state,
 * so replays and out-of-order delivery end in the same place.
 */
export async function handleStripeWebhook(deps: WebhookDeps, rawBody: string, signature: string | null, now = new Date()): Promise<WebhookAnswer> {
  const secret = deps.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) return { status: 503, body: { error: "WEBHOOK_NOT_CONFIGURED", message: "STRIPE_WEBHOOK_SECRET is not set on this deployment." } };
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(rawBody, signature ?? "", secret);
  } catch (error) {
    count("stripe_webhook.bad_signature");
    log("warn", "stripe webhook rejected: bad signature", { error: error instanceof Error ? error.message : String(error) });
    return { status: 400, body: { error: "INVALID_SIGNATURE", message: "The Stripe-Signature header does not match this body." } };
  }
  if (!HANDLED.has(event.type)) return { status: 200, body: { received: true, ignored: true, type: event.type } };
  if (await deps.db.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) {
    return { status: 200, body: { received: true, duplicate: true } };
  }
  const customerId = customerOf(event);
  const tenant = customerId ? await findTenant(deps, event, customerId) : null;
  if (!customerId || !tenant) {
    count("stripe_webhook.unknown_customer");
    log("warn", "stripe webhook for a customer no tenant has", { eventId: event.id, type: event.type, customerId });
    await record(deps, event, null, "unknown_customer");
    return { status: 200, body: { received: true, unknownCustomer: true } };
  }
  const subscriptions = await deps.stripe.subscriptions.list({ customer: customerId, status: "all", limit: 20 });
  const prices = { starter: deps.env.STRIPE_PRICE_STARTER, pro: deps.env.STRIPE_PRICE_PRO };
  const converged = convergeState(subscriptions.data, prices, tenant, now);
  if ("unknownPrice" in converged) {
    // A price this deployment does not know is a configuration mistake: keep the plan, say so loudly.
    log("error", "stripe subscription on a price that is neither STRIPE_PRICE_STARTER nor STRIPE_PRICE_PRO", {
      eventId: event.id,
      price: converged.unknownPrice,
    });
    await record(deps, event, tenant.id, "unknown_price");
    return { status: 200, body: { received: true, unknownPrice: converged.unknownPrice } };
  }
  await applyPlan(deps, deps.env, tenant.id, `stripe:${event.id}`, converged.state);
  await record(deps, event, tenant.id, "applied");
  return { status: 200, body: { received: true, plan: converged.state.plan, billingStatus: converged.state.billingStatus } };
}
