import "server-only";
import { randomBytes } from "node:crypto";
import { auditEntry } from "@/server/audit/audit-entry";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";
import type { Db } from "@/server/db";

/** A Standard Webhooks secret: whsec_ and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** Replaces the signing secret and returns it: the only time it is shown. */
export async function rotateWebhookSecret(db: Db, key: Buffer, tenantId: string, actor: string): Promise<{ secret: string }> {
  const secret = newWebhookSecret();
  await db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { webhookSecretEncrypted: true } });
    await tx.tenant.update({ where: { id: tenantId }, data: { webhookSecretEncrypted: encryptSecret(key, secret) } });
    await tx.auditLog.create({
      data: auditEntry({
        tenantId,
        actor,
        action: "webhook.secret_rotated",
        target: tenantId,
        before: { secret: before.webhookSecretEncrypted ? "set" : "unset" },
        after: { secret: "replaced" },
      }),
    });
  });
  return { secret };
}

export function readWebhookSecret(key: Buffer, stored: string | null): string | null {
  return stored ? decryptSecret(key, stored) : null;
}
