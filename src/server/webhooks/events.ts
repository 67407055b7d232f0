import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";

export const WEBHOOK_EVENTS = [
  "experiment.started",
  "experiment.completed",
  "experiment.decision_ready",
  "experiment.srm_detected",
  "usage.threshold_reached",
  "webhook.test",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_TOPIC = "webhook";

/** The outbox payload: the message id and body are fixed here, so every retry sends the same bytes. */
export interface WebhookMessage {
  id: string;
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

type Tx = Pick<Prisma.TransactionClient, "tenant" | "outboxMessage">;

/**
 * Queues an event for the tenant's webhook in the caller's transaction (nothing when
 * the tenant has no webhook URL). Delivery happens later: /api/cron/outbox.
 */
export async function enqueueWebhook(tx: Tx, tenantId: string, type: WebhookEventType, data: Record<string, unknown>, now = new Date()) {
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { webhookUrl: true } });
  if (!tenant?.webhookUrl) return null;
  const payload = {
    id: `msg_${randomUUID()}`,
    type,
    timestamp: now.toISOString(),
    data: data as Prisma.InputJsonObject,
  } satisfies Prisma.InputJsonObject;
  return tx.outboxMessage.create({ data: { tenantId, topic: WEBHOOK_TOPIC, payload, availableAt: now } });
}
