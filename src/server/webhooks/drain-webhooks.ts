import "server-only";
import type { Db } from "@/server/db";
import { fieldError } from "@/server/lib/app-error";
import { log } from "@/server/lib/logger";
import { claimDue, type ClaimedMessage, retryDelayMs } from "@/server/outbox/claim";
import { deliverWebhook, type DeliveryResult } from "./deliver";
import { enqueueWebhook, WEBHOOK_TOPIC, type WebhookMessage } from "./events";
import { assertWebhookUrlAllowed } from "./url-guard";
import { readWebhookSecret } from "./webhook-secret";

export interface WebhookDeps {
  db: Db;
  encryptionKey: Buffer;
  /** Production refuses private, loopback and link-local addresses. */
  production: boolean;
}

/** After this many failed attempts (about two days with the delays below) a message is abandoned. */
export const MAX_ATTEMPTS = 12;
export { retryDelayMs };

type Claimed = ClaimedMessage<WebhookMessage>;

async function attempt(deps: WebhookDeps, m: Claimed, now: Date): Promise<DeliveryResult & { abandoned: boolean }> {
  const tenant = await deps.db.tenant.findUnique({ where: { id: m.tenant_id }, select: { webhookUrl: true, webhookSecretEncrypted: true } });
  const url = tenant?.webhookUrl ?? null;
  const secret = readWebhookSecret(deps.encryptionKey, tenant?.webhookSecretEncrypted ?? null);
  let result: DeliveryResult;
  if (!url) result = { ok: false, statusCode: null, error: "the tenant has no webhook URL any more", durationMs: 0 };
  else if (!secret) result = { ok: false, statusCode: null, error: "no signing secret: generate one on the Webhooks page", durationMs: 0 };
  else {
    try {
      assertWebhookUrlAllowed(url, deps.production);
      result = await deliverWebhook({ url, secret, message: m.payload, production: deps.production, now });
    } catch (error) {
      result = { ok: false, statusCode: null, error: error instanceof Error ? error.message : String(error), durationMs: 0 };
    }
  }
  const attempts = m.attempts + 1;
  const abandoned = !result.ok && (attempts >= MAX_ATTEMPTS || !url);
  await deps.db.$transaction([
    deps.db.webhookDelivery.create({
      data: {
        tenantId: m.tenant_id,
        messageId: m.id,
        eventType: m.payload.type,
        url: url ?? "",
        attempt: attempts,
        ok: result.ok,
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
      },
    }),
    deps.db.outboxMessage.update({
      where: { id: m.id },
      data: result.ok
        ? { attempts, processedAt: now, lastError: null }
        : abandoned
          ? { attempts, processedAt: now, lastError: `abandoned after ${attempts} attempt(s): ${result.error}` }
          : { attempts, availableAt: new Date(now.getTime() + retryDelayMs(attempts)), lastError: result.error },
    }),
  ]);
  return { ...result, abandoned };
}

/** Delivers due webhook messages (the cron, every minute); each failure waits longer before the next try. */
export async function drainWebhooks(deps: WebhookDeps, opts: { now?: Date; limit?: number; ids?: string[] } = {}) {
  const now = opts.now ?? new Date();
  const claimed = await claimDue<WebhookMessage>(deps.db, WEBHOOK_TOPIC, now, opts.limit ?? 50, opts.ids ?? null);
  const summary = { delivered: 0, failed: 0, abandoned: 0 };
  for (const m of claimed) {
    const r = await attempt(deps, m, now);
    if (r.ok) summary.delivered++;
    else if (r.abandoned) summary.abandoned++;
    else summary.failed++;
    if (!r.ok) log("warn", "webhook delivery failed", { tenantId: m.tenant_id, messageId: m.id, error: r.error });
  }
  return summary;
}

/** "Send test event": queues a webhook.test message and delivers it now; the answer is the attempt's result. */
export async function sendTestWebhook(deps: WebhookDeps, tenantId: string, now = new Date()) {
  const row = await deps.db.$transaction((tx) =>
    enqueueWebhook(tx, tenantId, "webhook.test", { message: "A test event from Pricing Optimizer." }, now),
  );
  if (!row) throw fieldError("PRECONDITION_FAILED", "WEBHOOK_NOT_CONFIGURED", "webhookUrl", "set a webhook URL in Settings first.");
  await drainWebhooks(deps, { now, ids: [row.id] });
  const delivery = await deps.db.webhookDelivery.findFirstOrThrow({ where: { messageId: row.id }, orderBy: { createdAt: "desc" } });
  return { messageId: row.id, ok: delivery.ok, statusCode: delivery.statusCode, error: delivery.error, durationMs: delivery.durationMs };
}

export async function listWebhookDeliveries(db: Db, tenantId: string, limit = 50) {
  const rows = await db.webhookDelivery.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map((r) => ({
    id: r.id,
    messageId: r.messageId,
    eventType: r.eventType,
    url: r.url,
    attempt: r.attempt,
    ok: r.ok,
    statusCode: r.statusCode,
    error: r.error,
    durationMs: r.durationMs,
    createdAt: r.createdAt,
  }));
}
