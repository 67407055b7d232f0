import { env } from "@/env";
import { getStripe } from "@/server/billing/stripe-client";
import { handleStripeWebhook } from "@/server/billing/stripe-webhook";
import { getDb } from "@/server/db";
import { log } from "@/server/lib/logger";
import { requestIdFrom } from "@/server/lib/request-id";
import { getRedis } from "@/server/redis";

export const dynamic = "force-dynamic";

/** Stripe's events: the signature is checked on the raw body, so it is read as text, never parsed first. */
export async function POST(request: Request) {
  const requestId = requestIdFrom(request.headers);
  const headers = { "x-request-id": requestId };
  const stripe = getStripe();
  if (!stripe) {
    return Response.json({ error: "BILLING_NOT_CONFIGURED", message: "STRIPE_SECRET_KEY is not set on this deployment." }, { status: 503, headers });
  }
  try {
    const raw = await request.text();
    const answer = await handleStripeWebhook({ db: getDb(), redis: getRedis(), stripe, env }, raw, request.headers.get("stripe-signature"));
    return Response.json(answer.body, { status: answer.status, headers });
  } catch (error) {
    // 500 makes Stripe retry; the retry converges again, which is harmless.
    log("error", "stripe webhook failed", { requestId, error: error instanceof Error ? error.message : String(error) });
    return Response.json({ error: "INTERNAL", message: `Internal error (request id ${requestId})` }, { status: 500, headers });
  }
}
