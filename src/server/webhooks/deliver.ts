import "server-only";
import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import { guardedLookup } from "./url-guard";
import type { WebhookMessage } from "./events";

export interface DeliveryResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** The Standard Webhooks headers for one message (webhook-id, webhook-timestamp, webhook-signature). */
export function signMessage(secret: string, message: WebhookMessage, body: string, at: Date) {
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(message.id, at, body),
  };
}

/**
 * POSTs one signed message. A 2xx answer is a delivery; anything else (other statuses,
 * redirects, which are not followed, timeouts, forbidden addresses) is a failure to retry.
 */
export function deliverWebhook(opts: {
  url: string;
  secret: string;
  message: WebhookMessage;
  production: boolean;
  timeoutMs?: number;
  now?: Date;
}): Promise<DeliveryResult> {
  const started = performance.now();
  const body = JSON.stringify({ type: opts.message.type, timestamp: opts.message.timestamp, data: opts.message.data });
  const headers = {
    "content-type": "application/json",
    "user-agent": "PricingOptimizer-Webhooks/1",
    ...signMessage(opts.secret, opts.message, body, opts.now ?? new Date()),
  };
  const url = new URL(opts.url);
  const client = url.protocol === "https:" ? https : http;
  const done = (statusCode: number | null, error: string | null): DeliveryResult => ({
    ok: error === null && statusCode !== null && statusCode >= 200 && statusCode < 300,
    statusCode,
    error: error ?? (statusCode !== null && (statusCode < 200 || statusCode >= 300) ? `HTTP ${statusCode}` : null),
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    const req = client.request(
      url,
      { method: "POST", headers, lookup: guardedLookup(opts.production), timeout: opts.timeoutMs ?? 10_000, agent: false },
      (res) => {
        res.resume();
        res.on("end", () => resolve(done(res.statusCode ?? null, null)));
        res.on("error", (e) => resolve(done(res.statusCode ?? null, e.message)));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? 10_000} ms`)));
    req.on("error", (e) => resolve(done(null, e.message)));
    req.end(body);
  });
}
