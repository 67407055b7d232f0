import "server-only";
import { env } from "@/env";
import type { Context } from "@/server/api/trpc";
import type { CheckoutDeps } from "@/server/billing/checkout";
import { getStripe } from "@/server/billing/stripe-client";
import { appOrigin } from "@/server/lib/app-origin";
import { appError } from "@/server/lib/app-error";

export function checkoutDeps(ctx: Context): CheckoutDeps {
  const stripe = getStripe();
  if (!stripe) throw appError("PRECONDITION_FAILED", "BILLING_NOT_CONFIGURED", "Billing is off on this installation (STRIPE_SECRET_KEY is not set).");
  return { db: ctx.db, stripe, prices: { starter: env.STRIPE_PRICE_STARTER, pro: env.STRIPE_PRICE_PRO }, appOrigin: appOrigin() };
}
