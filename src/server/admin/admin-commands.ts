import "server-only";
import { hash } from "@node-rs/argon2";
import { auditEntry } from "@/server/audit/audit-entry";
import { z } from "zod";
import type { Env } from "@/env";
import { createApiKey, revokeApiKey } from "@/server/api-keys/manage-api-keys";
import type { Db } from "@/server/db";
import { applyPlan } from "@/server/billing/apply-plan";
import { getRedis, type Redis } from "@/server/redis";
import type { ApiKeyKind } from "@/shared/domain/api-keys";
import type { Plan } from "@/shared/domain/tenants";
import { planLimit, ZPlan } from "./plans";

const ACTOR = "admin:cli";

export const ZTenantCreate = z.object({
  name: z.string().trim().min(1, "--name must not be empty").max(255),
  email: z.email("--email must be an email address").transform((e) => e.toLowerCase()),
  plan: ZPlan.default("free"),
  password: z.string().min(8, "--password must be at least 8 characters").optional(),
});

/** A tenant, its owner (created or reused by email) and a secret API key, in one go. */
export async function adminCreateTenant(db: Db, env: Env, input: z.infer<typeof ZTenantCreate>) {
  const passwordHash = input.password ? await hash(input.password) : null;
  const { tenant, user } = await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { name: input.name, plan: input.plan, usageLimit: planLimit(env, input.plan) } });
    const user = await tx.user.upsert({
      where: { email: input.email },
      create: { email: input.email, passwordHash },
      // A new password ends the sessions signed in with the old one.
      update: passwordHash ? { passwordHash, sessionVersion: { increment: 1 } } : {},
    });
    await tx.membership.create({ data: { userId: user.id, tenantId: tenant.id, role: "owner" } });
    await tx.auditLog.create({
      data: auditEntry({
        tenantId: tenant.id,
        actor: ACTOR,
        action: "tenant.created",
        target: tenant.id,
        after: { name: input.name, plan: input.plan },
      }),
    });
    return { tenant, user };
  });
  const key = await createApiKey(db, tenant.id, ACTOR, { kind: "secret", name: "Created by admin CLI" });
  return { tenantId: tenant.id, userId: user.id, plan: tenant.plan, secretKey: key.key };
}

export async function adminCreateApiKey(db: Db, tenantId: string, kind: ApiKeyKind, name: string) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw new Error(`--tenant: no tenant ${tenantId}`);
  return createApiKey(db, tenantId, ACTOR, { kind, name });
}

export async function adminRevokeApiKey(db: Db, keyId: string) {
  const key = await db.apiKey.findUnique({ where: { id: keyId } });
  if (!key) throw new Error(`--id: no API key ${keyId}`);
  return revokeApiKey(db, key.tenantId, ACTOR, keyId);
}

/** Sets the plan by hand (e.g. an invoiced customer); every instance applies it at once. */
export async function adminSetPlan(db: Db, env: Env, tenantId: string, plan: Plan, redis: Redis = getRedis()) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw new Error(`--tenant: no tenant ${tenantId}`);
  const updated = await applyPlan({ db, redis }, env, tenantId, ACTOR, { plan });
  return { tenantId, plan: updated.plan, usageLimit: updated.usageLimit };
}
