import "server-only";
import { z } from "zod";
import { env } from "@/env";
import { tenantProcedure } from "@/server/api/trpc";
import { encryptionKey } from "@/server/crypto/encryption-key";
import { listWebhookDeliveries, sendTestWebhook } from "@/server/webhooks/drain-webhooks";
import { WEBHOOK_EVENTS } from "@/server/webhooks/events";
import { rotateWebhookSecret } from "@/server/webhooks/webhook-secret";

const admin = tenantProcedure("admin", { sessionOnly: true });
const deps = (db: Parameters<typeof listWebhookDeliveries>[0]) => ({ db, encryptionKey: encryptionKey(), production: env.NODE_ENV === "production" });

/** The endpoint's state: URL (set in Settings), whether a signing secret exists, the events sent. */
export const status = admin
  .output(z.object({ url: z.string().nullable(), hasSecret: z.boolean(), events: z.array(z.string()) }))
  .query(async ({ ctx }) => {
    const t = await ctx.db.tenant.findUniqueOrThrow({
      where: { id: ctx.tenant.tenantId },
      select: { webhookUrl: true, webhookSecretEncrypted: true },
    });
    return { url: t.webhookUrl, hasSecret: t.webhookSecretEncrypted !== null, events: WEBHOOK_EVENTS.filter((e) => e !== "webhook.test") };
  });

/** A new signing secret, shown this once; the previous one stops being used at once. */
export const rotateSecret = admin
  .output(z.object({ secret: z.string() }))
  .mutation(({ ctx }) => rotateWebhookSecret(ctx.db, encryptionKey(), ctx.tenant.tenantId, ctx.tenant.actor));

export const sendTest = admin
  .output(
    z.object({ messageId: z.string(), ok: z.boolean(), statusCode: z.number().nullable(), error: z.string().nullable(), durationMs: z.number() }),
  )
  .mutation(({ ctx }) => sendTestWebhook(deps(ctx.db), ctx.tenant.tenantId));

export const deliveries = admin
  .output(
    z.array(
      z.object({
        id: z.string(),
        messageId: z.string(),
        eventType: z.string(),
        url: z.string(),
        attempt: z.number(),
        ok: z.boolean(),
        statusCode: z.number().nullable(),
        error: z.string().nullable(),
        durationMs: z.number(),
        createdAt: z.date(),
      }),
    ),
  )
  .query(({ ctx }) => listWebhookDeliveries(ctx.db, ctx.tenant.tenantId));
