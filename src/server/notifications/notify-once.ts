import "server-only";
import type { Db } from "@/server/db";
import { enqueueWebhook, type WebhookEventType } from "@/server/webhooks/events";

/**
 * Queues a webhook event at most once per (tenant, key): the notice row and the
 * outbox message are written in one transaction, so a cron that runs twice, or two
 * instances running it at once, send it once. Tenants without a webhook URL get
 * nothing and nothing is recorded.
 */
export async function notifyOnce(
  db: Db,
  tenantId: string,
  key: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now = new Date(),
): Promise<boolean> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { webhookUrl: true } });
  if (!tenant?.webhookUrl) return false;
  return db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO notices (tenant_id, key, created_at) VALUES (${tenantId}::uuid, ${key}, ${now}::timestamptz)
      ON CONFLICT (tenant_id, key) DO NOTHING`;
    if (inserted === 0) return false;
    await enqueueWebhook(tx, tenantId, type, data, now);
    return true;
  });
}
