import "server-only";
import type Stripe from "stripe";
import type { Db } from "@/server/db";
import { appError, fieldError } from "@/server/lib/app-error";
import type { PriceIds } from "./converge";

export interface CheckoutDeps {
  db: Db;
  stripe: Stripe;
  prices: PriceIds;
  /** This deployment's public origin, for Stripe's redirects back. */
  appOrigin: string;
}

export type PaidPlan = "starter" | "pro";

/** The tenant's Stripe customer, created (with the tenant id in its metadata) on first use. */
async function ensureCustomer(deps: CheckoutDeps, tenantId: string, email: string | null): Promise<string> {
  const tenant = await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, stripeCustomerId: true } });
  if (tenant.stripeCustomerId) return tenant.stripeCustomerId;
  const customer = await deps.stripe.customers.create(
    { name: tenant.name, ...(email ? { email } : {}), metadata: { tenantId } },
    { idempotencyKey: `po-customer-${tenantId}` },
  );
  // Two clicks at once create one customer (same idempotency key); the first write wins.
  await deps.db.tenant.updateMany({ where: { id: tenantId, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  const after = await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { stripeCustomerId: true } });
  return after.stripeCustomerId ?? customer.id;
}

/** A Stripe Checkout Session (subscription mode) for a paid plan; the browser is sent to its URL. */
export async function createCheckoutSession(deps: CheckoutDeps, tenantId: string, plan: PaidPlan, email: string | null): Promise<{ url: string }> {
  const price = deps.prices[plan];
  if (!price) {
    throw fieldError(
      "PRECONDITION_FAILED",
      "BILLING_PRICE_MISSING",
      "plan",
      `no Stripe price is configured for ${plan} (STRIPE_PRICE_${plan.toUpperCase()}).`,
    );
  }
  const tenant = await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { billingStatus: true } });
  if (["active", "canceling", "past_due"].includes(tenant.billingStatus)) {
    throw appError("CONFLICT", "SUBSCRIPTION_EXISTS", "This workspace already has a subscription: change or renew it with Manage billing.");
  }
  const customer = await ensureCustomer(deps, tenantId, email);
  const session = await deps.stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: tenantId,
    line_items: [{ price, quantity: 1 }],
    success_url: `${deps.appOrigin}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${deps.appOrigin}/billing/cancel`,
    metadata: { tenantId, plan },
    subscription_data: { metadata: { tenantId } },
  });
  if (!session.url) throw new Error(`checkout session ${session.id} has no url`);
  return { url: session.url };
}

/** Stripe's Billing Portal for the tenant's customer (invoices, payment method, plan change, cancel). */
export async function createPortalSession(deps: CheckoutDeps, tenantId: string): Promise<{ url: string }> {
  const tenant = await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { stripeCustomerId: true } });
  if (!tenant.stripeCustomerId) {
    throw appError("PRECONDITION_FAILED", "NO_BILLING_ACCOUNT", "This workspace has no billing account yet: upgrade to a paid plan first.");
  }
  const session = await deps.stripe.billingPortal.sessions.create({ customer: tenant.stripeCustomerId, return_url: `${deps.appOrigin}/billing` });
  return { url: session.url };
}
