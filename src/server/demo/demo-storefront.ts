import "server-only";
import { createHmac } from "node:crypto";
import { hashApiKey } from "@/server/api-keys/key-format";
import type { Db } from "@/server/db";
import { DEMO_EMAIL, DEMO_EXPERIMENT_KEY } from "@/server/seed/seed-demo";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The demo storefront's publishable key, derived from a server secret: nothing
 * stores it in clear, and only this server can recompute it.
 */
export function deriveDemoKey(secret: string, tenantId: string): string {
  const digest = createHmac("sha256", secret).update(`demo-storefront:${tenantId}`).digest();
  let body = "";
  for (let i = 0; i < 32; i++) body += ALPHABET[(digest[i] ?? 0) % 62];
  return `po_pk_${body}`;
}

export interface DemoStorefront {
  publishableKey: string;
  experimentKey: string;
  experimentName: string;
}

/** The seeded demo tenant's storefront, or null where no demo tenant was seeded (production). */
export async function demoStorefront(db: Db, secret: string): Promise<DemoStorefront | null> {
  const owner = await db.user.findUnique({ where: { email: DEMO_EMAIL }, include: { memberships: { take: 1 } } });
  const tenantId = owner?.memberships[0]?.tenantId;
  if (!tenantId) return null;
  const experiment = await db.experiment.findUnique({ where: { tenantId_key: { tenantId, key: DEMO_EXPERIMENT_KEY } } });
  if (!experiment) return null;
  const publishableKey = deriveDemoKey(secret, tenantId);
  const hashedKey = hashApiKey(publishableKey);
  const prefix = publishableKey.slice(0, 10);
  // Named with its prefix: active key names are unique per tenant, and a changed server secret
  // derives a new key beside the old one.
  await db.apiKey.upsert({
    where: { hashedKey },
    create: { tenantId, kind: "publishable", name: `Demo storefront ${prefix}`, prefix, hashedKey },
    update: {},
  });
  return { publishableKey, experimentKey: experiment.key, experimentName: experiment.name };
}
