import "server-only";
import Stripe from "stripe";
import { env } from "@/env";

/**
 * The one module that owns the Stripe client. STRIPE_API_URL points it at another
 * server speaking Stripe's API (the tests' local fake, stripe-mock); production
 * leaves it at https://api.stripe.com.
 */
export function createStripe(secretKey: string, apiUrl: string): Stripe {
  const url = new URL(apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (protocol === "http" ? 80 : 443),
    protocol,
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: "pricing-optimizer" },
  });
}

const globalForStripe = globalThis as { __poStripe?: Stripe };

/** The process's Stripe client, or null when STRIPE_SECRET_KEY is not set (billing is off). */
export function getStripe(): Stripe | null {
  if (!env.STRIPE_SECRET_KEY) return null;
  globalForStripe.__poStripe ??= createStripe(env.STRIPE_SECRET_KEY, env.STRIPE_API_URL);
  return globalForStripe.__poStripe;
}

export type { Stripe };
